import nodemailer from 'nodemailer';
import { z } from 'zod';
import { defineChannel, secretFrom } from '../defineChannel.ts';
import { severity } from '../severity.ts';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as ASSAY_SMTP_PASSWORD');

export const email = defineChannel({
  type: 'email',
  description: 'an email (plain text and HTML) to a list of addresses, through an SMTP server (nodemailer)',
  config: z
    .object({
      type: z.literal('email'),
      min_severity: severity.default('low').describe('the least severe alert this channel is sent'),
      smtp: z
        .object({
          host: z.string().min(1),
          port: z.number().int().min(1).max(65535).default(587),
          secure: z.boolean().default(false).describe('TLS from the start (port 465); false: STARTTLS when the server offers it'),
          user: z.string().min(1).optional(),
          password_env: envName.optional().describe('the environment variable holding the SMTP password (never the password itself)'),
          timeout_ms: z.number().int().positive().default(10_000).describe('connection, greeting and socket timeout'),
        })
        .strict()
        .refine((s) => (s.user === undefined) === (s.password_env === undefined), { message: 'give both user and password_env, or neither', path: ['password_env'] }),
      from: z.email(),
      to: z.array(z.email()).min(1),
    })
    .strict(),
  async send(c, message, env) {
    const transport = nodemailer.createTransport({
      host: c.smtp.host,
      port: c.smtp.port,
      secure: c.smtp.secure,
      auth: c.smtp.user ? { user: c.smtp.user, pass: secretFrom(env, c.smtp.password_env!, 'smtp.password_env') } : undefined,
      connectionTimeout: c.smtp.timeout_ms,
      greetingTimeout: c.smtp.timeout_ms,
      socketTimeout: c.smtp.timeout_ms,
    });
    try {
      await transport.sendMail({ from: c.from, to: c.to, subject: message.title, text: message.text, html: message.html });
    } finally {
      transport.close();
    }
  },
});

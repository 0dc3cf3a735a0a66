import { IncomingWebhook, type IncomingWebhookSendArguments } from '@slack/webhook';
import { z } from 'zod';
import { defineChannel, secretFrom } from '../defineChannel.ts';
import { severity } from '../severity.ts';

export const slack = defineChannel({
  type: 'slack',
  description: 'a Slack message (blocks) through an incoming webhook (@slack/webhook)',
  config: z
    .object({
      type: z.literal('slack'),
      min_severity: severity.default('low').describe('the least severe alert this channel is sent'),
      webhook_url_env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as ASSAY_SLACK_WEBHOOK_URL')
        .describe('the environment variable holding the webhook URL (it is a secret: never put it in the config)'),
      timeout_ms: z.number().int().positive().default(10_000),
    })
    .strict(),
  async send(c, message, env) {
    const webhook = new IncomingWebhook(secretFrom(env, c.webhook_url_env, 'webhook_url_env'), { timeout: c.timeout_ms });
    // `mrkdwn` (the notification text read as written) is a message field @slack/webhook's type does not list; it sends it as given
    await webhook.send(message.slack as IncomingWebhookSendArguments);
  },
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  mails: (ParsedMail & { envelopeTo: string[]; user: string | null })[];
  close: () => Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (smtp-server) that accepts one user and keeps every mail, parsed. */
export async function smtpReceiver(opts: { port?: number; user: string; password: string }): Promise<SmtpReceiver> {
  const mails: SmtpReceiver['mails'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.password) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address), user: (session.user as string | undefined) ?? null }));
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  /** The status the next requests get. */
  status: number;
  close: () => Promise<void>;
}

/** A Slack incoming-webhook stand-in (node:http on 127.0.0.1): records each JSON body, answers `status`. */
export async function webhookReceiver(): Promise<WebhookReceiver> {
  const r = { bodies: [] as unknown[], status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      r.bodies.push({ path: req.url, contentType: req.headers['content-type'], json: JSON.parse(body) as unknown });
      res.writeHead(r.status, { 'content-type': 'text/plain' }).end(r.status === 200 ? 'ok' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, { url: `http://127.0.0.1:${port}/services/T000/B000/secret`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

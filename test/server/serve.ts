import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { Warehouse, type Row } from '../../data/warehouse.ts';
import { buildServer, type AssayServer, type ServerOptions } from '../../server/app.ts';
import { parseConfig } from '../../jobs/config.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';
import { storeDriftRun } from '../reports/alerts/driftFixture.ts';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
  /** The URL answered, after redirects. */
  url: string;
}

export interface Served {
  url: string;
  dir: string;
  /** The warehouse file. */
  path: string;
  server: AssayServer;
  /** A query on the file opened read-only for it (as an analyst would; in this process, so after close()). */
  query: <T = Row>(sql: string) => Promise<T[]>;
  /** server.close() once, whoever calls it first (the test or its cleanup). */
  close: () => Promise<void>;
  call: (method: string, path: string, init?: { body?: string; headers?: Record<string, string> }) => Promise<Reply>;
  get: (path: string) => Promise<Reply>;
  post: (path: string, body?: unknown) => Promise<Reply>;
}

export interface ServeOptions extends Pick<ServerOptions, 'lockWaitMs' | 'open'> {
  /** Writes to the warehouse before the server opens it (the server holds the file from then on). */
  prepare?: (wh: Warehouse) => Promise<void>;
}

/**
 * The real server on a real socket (127.0.0.1, any free port), over a temp warehouse with this config. The test
 * process holds no instance of the file while the server runs: two in one process would not lock each other out.
 */
export async function serve(t: TestContext, rawConfig: unknown = {}, opts: ServeOptions = {}): Promise<Served> {
  const dir = tempDir();
  const path = join(dir, 'assay.duckdb');
  const config = parseConfig(rawConfig, '(test)');
  if (opts.prepare) {
    const wh = await Warehouse.open(path);
    try {
      await opts.prepare(wh);
    } finally {
      wh.close();
    }
  }
  // without it the server creates the file, as `assay serve` on a new path does
  const server = await buildServer({ warehousePath: path, lockWaitMs: opts.lockWaitMs, open: opts.open, config, baseDir: dir, reportsDir: join(dir, 'reports') });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= server.close());
  t.after(close);
  const call: Served['call'] = async (method, path, init = {}) => {
    // a server that does not answer fails the test instead of hanging it
    const res = await fetch(`${url}${path}`, { method, body: init.body, headers: init.headers, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text, headers: res.headers, url: res.url };
  };
  return {
    url,
    dir,
    path,
    server,
    query: async (sql) => {
      const wh = await Warehouse.open(path, { readOnly: true });
      try {
        return await wh.all(sql);
      } finally {
        wh.close();
      }
    },
    close,
    call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b === undefined ? {} : { body: JSON.stringify(b), headers: { 'content-type': 'application/json' } }),
  };
}

export interface HeldWebhook {
  url: string;
  /** Resolves when the first request has arrived (and is being held). */
  arrived: Promise<void>;
  /** Answers the held requests and every later one with 200. */
  release: () => void;
}

/**
 * A Slack incoming-webhook stand-in (node:http on 127.0.0.1) that holds every request until released: an alerts
 * run delivering to it stays running until then, so a test decides when the job ahead in the queue ends.
 */
export async function heldWebhook(t: TestContext): Promise<HeldWebhook> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const server = createServer((req, res) => {
    req.resume();
    arrive();
    void released.then(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    release();
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/held`, arrived, release };
}

/**
 * A server whose alerts runs block: a firing drift finding is stored and its Slack channel is a held webhook, so an
 * alerts run stays running (holding the warehouse for writing) until the test calls hook.release().
 */
export async function serveWithHeldAlerts(t: TestContext, opts: Omit<ServeOptions, 'prepare'> = {}): Promise<{ s: Served; hook: HeldWebhook }> {
  const hook = await heldWebhook(t);
  process.env.ASSAY_TEST_HELD_WEBHOOK = hook.url;
  const s = await serve(t, { alerts: { channels: { chat: { type: 'slack', webhook_url_env: 'ASSAY_TEST_HELD_WEBHOOK' } } } }, {
    ...opts,
    prepare: (wh) => storeDriftRun(wh, 'drift-1', [{ tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.187 }]),
  });
  return { s, hook };
}

/** Polls until `read` gives a value `done` accepts (at most 10 s), and returns it. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

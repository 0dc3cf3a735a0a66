import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Warehouse } from '../../data/warehouse.ts';
import { buildServer, type AssayServer } from '../../server/app.ts';
import { tempWarehouse } from '../helpers/tempWarehouse.ts';

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
  /** The server's writing connection: read after close() to see what the runs left in job_runs. */
  wh: Warehouse;
  server: AssayServer;
  /** server.close() once, whoever calls it first (the test or its cleanup). */
  close: () => Promise<void>;
  call: (method: string, path: string, init?: { body?: string; headers?: Record<string, string> }) => Promise<Reply>;
  get: (path: string) => Promise<Reply>;
  post: (path: string, body?: unknown) => Promise<Reply>;
}

/** The real server on a real socket (127.0.0.1, any free port), over a temp warehouse with this config. */
export async function serve(t: TestContext, rawConfig: unknown = {}): Promise<Served> {
  const w = await tempWarehouse(rawConfig);
  const server = await buildServer({ wh: w.wh, config: w.config, baseDir: w.dir, reportsDir: join(w.dir, 'reports') });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= server.close());
  t.after(async () => {
    await close();
    w.cleanup();
  });
  const call: Served['call'] = async (method, path, init = {}) => {
    // a server that does not answer fails the test instead of hanging it
    const res = await fetch(`${url}${path}`, { method, body: init.body, headers: init.headers, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text, headers: res.headers, url: res.url };
  };
  return {
    url,
    dir: w.dir,
    wh: w.wh,
    server,
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

/** Polls until `read` gives a value `done` accepts (at most 10 s), and returns it. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

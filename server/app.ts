import { existsSync, mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssayConfig } from '../jobs/config.ts';
import { VERSION } from '../data/version.ts';
import type { ServerContext } from './context.ts';
import { AssayError } from '../data/errors.ts';
import { planSchedule } from '../jobs/scheduler.ts';
import { errorBody, errorHandler, sendError } from './errors.ts';
import { openapiTransform, openapiTransformObject } from './openapi.ts';
import { HeldWarehouse, type OpenWarehouse } from './heldWarehouse.ts';
import { RunQueue } from './queue.ts';
import { jobRoutes, recordFailedOpens } from './routes/jobs.ts';
import { runRoutes } from './routes/runs.ts';

export interface ServerOptions {
  /** The warehouse file: created or migrated when the server starts, then held read-only except while jobs run. */
  warehousePath: string;
  /** How long a job waits for other processes (an analyst's client) to let go of the file before it fails; default 5 s. */
  lockWaitMs?: number;
  /** How the file is opened (default Warehouse.open). */
  open?: OpenWarehouse;
  config: AssayConfig;
  /** Relative job paths (ingest files, report folders) resolve against it, as on the command line. */
  baseDir: string;
  /** The reports folder served at /reports/ (the report job's default `out`). */
  reportsDir: string;
  /** Where job progress and request errors go (stderr from `assay serve`). */
  log?: (message: string) => void;
}

export interface AssayServer {
  app: FastifyInstance;
  /**
   * Stops taking requests (503 ASSAY_ERR_SHUTDOWN on open connections), lets the running job finish, records each
   * queued run as failed ASSAY_ERR_SHUTDOWN without starting it, then closes the server and the warehouse.
   */
  close(): Promise<void>;
}

/**
 * The HTTP front door (fastify): the jobs registry as routes, the recorded runs, the static reports and the
 * OpenAPI document of it all at /openapi.json. The warehouse is held read-only between jobs and read-write while
 * they run, one at a time (HeldWarehouse); reads never see a running job's uncommitted writes.
 */
export async function buildServer(opts: ServerOptions): Promise<AssayServer> {
  // a bad schedule entry is a config error when the server starts, as for `assay schedule`, not on every GET /schedule
  planSchedule(opts.config);
  const app = Fastify({
    logger: false,
    // fastify's own answers (a bad URL; the 503 while closing, sent by the onRequest hook below) in the errorBody shape
    frameworkErrors: errorHandler,
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const allowed = app.supportedMethods.filter((m) => app.findRoute({ method: m, url: path }));
    // a path that exists under other methods (a static file that is not there has GET: that is a 404)
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      void reply.code(405).header('allow', allowed.join(', ')).send({ error: 'ASSAY_ERR_REQUEST', message: `${req.method} ${path}: method not allowed; it answers ${allowed.join(', ')}` });
      return;
    }
    void reply.code(404).send({ error: 'ASSAY_ERR_NOT_FOUND', message: `Nothing at ${req.method} ${path}; the routes are listed at /openapi.json` });
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Assay', description: 'Batch evaluation and monitoring of AI workflows: jobs, runs and weekly reports', version: VERSION } },
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  });

  const log = opts.log ?? (() => {});
  const warehouse = await HeldWarehouse.start({
    path: opts.warehousePath, memoryLimit: opts.config.warehouse.memory_limit, lockWaitMs: opts.lockWaitMs ?? 5000, open: opts.open, log,
  });
  const ctx: ServerContext = { ...opts, warehouse, queue: new RunQueue(), log };
  try {
    return await routes(app, ctx);
  } catch (e) {
    await warehouse.close();
    throw e;
  }
}

async function routes(app: FastifyInstance, ctx: ServerContext): Promise<AssayServer> {
  // close() stops the queue first: from then on every new request is refused, the ones in flight go on
  app.addHook('onRequest', async (_req, reply) => {
    if (ctx.queue.stopped) return sendError(reply, 503, new AssayError('ASSAY_ERR_SHUTDOWN', 'The server is shutting down: it takes no new requests'));
  });
  // and each answer then closes its connection: a kept-alive one would hold fastify's close for keepAliveTimeout (72 s)
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (ctx.queue.stopped) void reply.header('connection', 'close');
    done(null, payload);
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', {
    schema: {
      summary: 'whether the server and its warehouse answer',
      tags: ['server'],
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), warehouse: z.string(), records: z.number(), jobs_queued: z.number() }), 503: errorBody },
    },
  }, async () => {
    const row = await ctx.warehouse.read((wh) => wh.one<{ n: number }>('SELECT count(*) AS n FROM records'));
    return { status: 'ok' as const, version: VERSION, warehouse: ctx.warehouse.path, records: Number(row?.n ?? 0), jobs_queued: ctx.queue.pending };
  });
  jobRoutes(app, ctx);
  runRoutes(app, ctx);

  // The static reports (index.html, <week>/report.html, report.json), exactly as written to disk; a week folder
  // answers its report.html, and the folders without their slash redirect to it (report.html links ../index.html).
  if (!existsSync(ctx.reportsDir)) mkdirSync(ctx.reportsDir, { recursive: true });
  await app.register(fastifyStatic, { root: ctx.reportsDir, prefix: '/reports', index: ['index.html', 'report.html'], redirect: true, schemaHide: false });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return {
    app,
    async close() {
      // fastify's close waits for the requests in flight, which wait for their runs: the queue must stop alongside
      await Promise.all([ctx.queue.stop(), app.close()]);
      await recordFailedOpens(ctx);
      await ctx.warehouse.close();
    },
  };
}

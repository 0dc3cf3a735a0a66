import { existsSync, mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Warehouse } from '../data/warehouse.ts';
import type { AssayConfig } from '../jobs/config.ts';
import { VERSION } from '../data/version.ts';
import type { ServerContext } from './context.ts';
import { errorHandler } from './errors.ts';
import { SerialQueue } from './queue.ts';
import { jobRoutes } from './routes/jobs.ts';
import { runRoutes } from './routes/runs.ts';

export interface ServerOptions {
  wh: Warehouse;
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
  /** Waits for the running and queued jobs, then closes the server and its reading connection. */
  close(): Promise<void>;
}

/**
 * The HTTP front door (fastify): the jobs registry as routes, the recorded runs, the static reports and the
 * OpenAPI document of it all at /openapi.json. Jobs run one at a time on the warehouse's connection; reads
 * go through a second connection, so they never see a running job's uncommitted writes.
 */
export async function buildServer(opts: ServerOptions): Promise<AssayServer> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: 'ASSAY_ERR_NOT_FOUND', message: `No route ${req.method} ${req.url}; the routes are listed at /openapi.json` });
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Assay', description: 'Batch evaluation and monitoring of AI workflows: jobs, runs and weekly reports', version: VERSION } },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const reader = await opts.wh.connect();
  const ctx: ServerContext = { ...opts, reader, queue: new SerialQueue(), log: opts.log ?? (() => {}) };

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', {
    schema: {
      summary: 'whether the server and its warehouse answer',
      tags: ['server'],
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), warehouse: z.string(), records: z.number(), jobs_queued: z.number() }) },
    },
  }, async () => {
    const row = await reader.one<{ n: number }>('SELECT count(*) AS n FROM records');
    return { status: 'ok' as const, version: VERSION, warehouse: opts.wh.path, records: Number(row?.n ?? 0), jobs_queued: ctx.queue.pending };
  });
  jobRoutes(app, ctx);
  runRoutes(app, ctx);

  // The static reports (report.html, report.json, index.html), exactly as written to disk.
  if (!existsSync(opts.reportsDir)) mkdirSync(opts.reportsDir, { recursive: true });
  await app.register(fastifyStatic, { root: opts.reportsDir, prefix: '/reports/', index: ['index.html'], redirect: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return {
    app,
    async close() {
      await ctx.queue.idle();
      await app.close();
      reader.close();
    },
  };
}

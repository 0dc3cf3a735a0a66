import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssayError, errorMessage, isAssayError, type ErrorCode } from '../../data/errors.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import { getJob, JOBS } from '../../jobs/registry.ts';
import { newRunId, recordNotStarted, runJob, type JobRunOutcome } from '../../jobs/runJob.ts';
import type { JobDefinition } from '../../jobs/defineJob.ts';
import { errorBody, sendError } from '../errors.ts';
import type { ServerContext } from '../context.ts';
import type { QueuedRun } from '../queue.ts';

const outcome = z
  .object({
    run_id: z.string(),
    job: z.string(),
    status: z.enum(['succeeded', 'queued']),
    duration_ms: z.number().optional(),
    counts: z.record(z.string(), z.number()).optional(),
    output: z.unknown().optional(),
  })
  .meta({ id: 'JobOutcome' });

const waitQuery = z.object({
  wait: z
    .enum(['true', 'false'])
    .default('true')
    .describe('false: answer 202 at once with the run queued (follow it at /runs/{run_id}); true: answer when it ends'),
});

/**
 * The warehouse read-write for a run (HeldWarehouse.writer), after writing to job_runs the runs that failed because
 * it could not be had before (the queue kept them meanwhile).
 */
async function writer(ctx: ServerContext, waitMs?: number): Promise<Warehouse> {
  const wh = await ctx.warehouse.writer(waitMs);
  for (const r of ctx.queue.unrecorded()) {
    await recordNotStarted(wh, getJob(r.job), r.params, r.run_id, new AssayError(r.error_code as ErrorCode, r.error_message), { started: r.started_at, ended: r.ended_at });
    ctx.queue.written(r.run_id);
  }
  return wh;
}

/**
 * At shutdown: the runs that failed to get the warehouse and are not in job_runs yet, written there if the file can
 * be had now, or else each said on the log (the only record left of them once the process exits).
 */
export async function recordFailedOpens(ctx: ServerContext): Promise<void> {
  if (ctx.queue.unrecorded().length === 0) return;
  try {
    await writer(ctx);
  } catch (e) {
    for (const r of ctx.queue.unrecorded()) ctx.log(`assay serve: run ${r.run_id} (${r.job}) failed and is not in job_runs (${errorMessage(e).split('\n')[0]}): ${r.error_code}: ${r.error_message}`);
  }
}

/**
 * The warehouse could not be opened for writing (another process holds the file): the run fails without starting,
 * kept by the queue until job_runs can take it, with an error that names the holder.
 */
function failedOpen(ctx: ServerContext, run: QueuedRun, startedAt: string, e: unknown, reason: string): AssayError {
  const cause = isAssayError(e) ? e : new AssayError('ASSAY_ERR_WAREHOUSE', errorMessage(e));
  const err = new AssayError(cause.code, `Run ${run.run_id} was not started: ${reason}: ${cause.message}`, { ...cause.details, run_id: run.run_id });
  ctx.queue.failedUnrecorded({ ...run, started_at: startedAt, ended_at: new Date().toISOString(), error_code: err.code, error_message: err.message });
  return err;
}

/**
 * Queues a run of the job under an id decided now, so a caller that does not wait can follow it while it waits its
 * turn; then it runs through runJob under that id, on the warehouse opened read-write for it (and left so while
 * other runs wait behind it). A failure carries the id of the run it recorded.
 */
function start(ctx: ServerContext, job: JobDefinition, params: unknown): { runId: string; done: Promise<JobRunOutcome> } {
  const runId = newRunId(job.name);
  const run = { run_id: runId, job: job.name, params };
  let recorded = false;
  const done = ctx.queue.add(
    run,
    async () => {
      const startedAt = new Date().toISOString();
      try {
        let wh: Warehouse;
        try {
          wh = await writer(ctx);
        } catch (e) {
          throw failedOpen(ctx, run, startedAt, e, 'the server could not open the warehouse for writing');
        }
        return await runJob(job, params, {
          wh,
          config: ctx.config,
          baseDir: ctx.baseDir,
          progress: (m) => ctx.log(`${job.name}: ${m}`),
          runId,
          onStart: () => {
            recorded = true;
            ctx.queue.recorded(runId);
          },
        });
      } catch (e) {
        if (!recorded) throw e;
        if (isAssayError(e)) throw new AssayError(e.code, e.message, { ...e.details, run_id: runId });
        throw new AssayError('ASSAY_ERR_JOB_FAILED', errorMessage(e), { run_id: runId });
      } finally {
        // back to read-only before the answer, so a client that reads the file once its run has ended can
        if (!ctx.queue.behind(runId)) await ctx.warehouse.release();
      }
    },
    async () => {
      const reason = new AssayError('ASSAY_ERR_SHUTDOWN', `Run ${runId} was not started: the server shut down while it waited in the queue; post it again`);
      const at = new Date().toISOString();
      try {
        // no waiting for the file here: close() tries once more, for all of them, before it gives up
        await recordNotStarted(await writer(ctx, 0), job, params, runId, reason);
      } catch {
        ctx.queue.failedUnrecorded({ ...run, started_at: at, ended_at: at, error_code: reason.code, error_message: reason.message });
      }
      throw new AssayError(reason.code, reason.message, { run_id: runId });
    },
  );
  // the caller that does not wait still must not leave a rejection unhandled
  done.catch(() => {});
  return { runId, done };
}

/**
 * The jobs as HTTP routes: GET /jobs lists them with their parameter schemas, and each job has its own
 * POST /jobs/{name}/runs whose body is that job's zod parameter schema (so the OpenAPI document shows
 * every job's parameters). The server holds no logic of its own: it calls runJob, as the CLI does.
 */
export function jobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/jobs', {
    schema: {
      summary: 'the jobs Assay can run, with the JSON schema of each one’s parameters',
      tags: ['jobs'],
      response: { 200: z.array(z.object({ name: z.string(), description: z.string(), run: z.string(), params: z.unknown() })) },
    },
  }, async () => JOBS.map((j) => ({ name: j.name, description: j.description, run: `POST /jobs/${j.name}/runs`, params: z.toJSONSchema(j.params, { io: 'input', unrepresentable: 'any' }) })));

  // A POST without a body runs the job with its defaults, as `assay run <job>` does; also one that says
  // content-type: application/json and sends nothing (curl -d '', many HTTP clients), which fastify refuses.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => (body.length === 0 ? done(null, undefined) : json(req, body as string, done)));
  app.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.body == null) req.body = {};
  });
  // Any other name: the registry's error, listing the jobs there are; 404, as the path names what is not there.
  r.post('/jobs/:name/runs', { schema: { hide: true, params: z.object({ name: z.string() }) } }, async (req, reply) => {
    try {
      getJob(req.params.name);
    } catch (e) {
      if (isAssayError(e)) return sendError(reply, 404, e);
      throw e;
    }
  });

  for (const job of JOBS) {
    r.post(`/jobs/${job.name}/runs`, {
      schema: {
        summary: `run the ${job.name} job: ${job.description}`,
        tags: ['jobs'],
        body: job.params as z.ZodType,
        querystring: waitQuery,
        response: { 200: outcome, 202: outcome, 400: errorBody, 404: errorBody, 422: errorBody, 500: errorBody, 503: errorBody },
      },
    }, async (req, reply) => {
      const { runId, done } = start(ctx, job, req.body ?? {});
      if (req.query.wait === 'false') return reply.code(202).header('location', `/runs/${runId}`).send({ run_id: runId, job: job.name, status: 'queued' as const });
      const o = await done;
      return { run_id: o.runId, job: o.job, status: o.status, duration_ms: o.durationMs, counts: o.result.counts, output: o.result.output };
    });
  }
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssayError, errorMessage, isAssayError } from '../../data/errors.ts';
import { getJob, JOBS } from '../../jobs/registry.ts';
import { newRunId, recordNotStarted, runJob, type JobRunOutcome } from '../../jobs/runJob.ts';
import type { JobDefinition } from '../../jobs/defineJob.ts';
import { errorBody, sendError } from '../errors.ts';
import type { ServerContext } from '../context.ts';

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
 * Queues a run of the job under an id decided now, so a caller that does not wait can follow it while it waits its
 * turn; then it runs through runJob under that id. A failure carries the id of the run it recorded.
 */
function start(ctx: ServerContext, job: JobDefinition, params: unknown): { runId: string; done: Promise<JobRunOutcome> } {
  const runId = newRunId(job.name);
  let recorded = false;
  const done = ctx.queue.add(
    { run_id: runId, job: job.name, params },
    async () => {
      try {
        return await runJob(job, params, {
          wh: ctx.wh,
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
      }
    },
    async () => {
      const reason = new AssayError('ASSAY_ERR_SHUTDOWN', `Run ${runId} was not started: the server shut down while it waited in the queue; post it again`);
      await recordNotStarted(ctx.wh, job, params, runId, reason);
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

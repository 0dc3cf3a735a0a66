import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssayError } from '../../data/errors.ts';
import type { Row } from '../../data/warehouse.ts';
import type { ServerContext } from '../context.ts';
import type { UnrecordedRun } from '../queue.ts';
import { errorBody, sendError } from '../errors.ts';
import { getJob } from '../../jobs/registry.ts';
import { listSchedule } from '../../jobs/scheduler.ts';
import { withSeenStatus } from '../../jobs/runnerStatus.ts';

/** job_runs.status (docs/warehouse.md). */
const recordedStatus = z.enum(['running', 'succeeded', 'failed', 'abandoned']);

const run = z
  .object({
    run_id: z.string(),
    job: z.string(),
    status: z.enum([...recordedStatus.options, 'queued']).describe('queued: posted with ?wait=false and waiting for the runs before it; not in job_runs yet'),
    params: z.unknown(),
    started_at: z.string().nullable().describe('null while queued'),
    ended_at: z.string().nullable(),
    counts: z.unknown(),
    error_code: z.string().nullable(),
    error_message: z.string().nullable().describe('for a run seen as abandoned, which process is gone from which host'),
    runner_host: z.string().nullable().describe('the host of the process that ran it; null for runs recorded before Assay kept it, and queued ones'),
    runner_pid: z.number().int().nullable(),
    status_note: z.string().nullable().describe('why status is not what job_runs records (a running run whose process is gone from this host is abandoned), or why a running run was not checked (another host)'),
  })
  .meta({ id: 'JobRun' });

const COLUMNS = 'run_id, job, status, params, started_at, ended_at, counts, error_code, error_message, runner_host, runner_pid';
const NOT_RECORDED = { runner_host: null, runner_pid: null, status_note: null };

/**
 * job_runs rows as the API gives them: params and counts as JSON values, not JSON text, and the status this host
 * sees (a 'running' run whose process is gone is abandoned, jobs/runnerStatus.ts).
 */
function shaped(r: Row): z.infer<typeof run> {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));
  const [seen] = withSeenStatus([r as z.infer<typeof run>]);
  return { ...seen, status: seen.status as z.infer<typeof run>['status'], params: json(r.params), counts: json(r.counts) };
}

/** A run the queue holds until job_runs can (the warehouse was held by another process), as the API gives a recorded one. */
function unrecordedRow(r: UnrecordedRun): z.infer<typeof run> {
  return { run_id: r.run_id, job: r.job, status: 'failed', params: r.params, started_at: r.started_at, ended_at: r.ended_at, counts: null, error_code: r.error_code, error_message: r.error_message, ...NOT_RECORDED };
}

/**
 * The recorded job runs (job_runs), read through the server's reading connection (committed state only), and the
 * failed runs the queue holds because job_runs could not be written when they failed.
 */
export function runRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/runs', {
    schema: {
      summary: 'recorded job runs, newest first',
      tags: ['runs'],
      querystring: z.object({
        job: z.string().optional().describe('only runs of this job'),
        status: recordedStatus.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(20),
      }),
      response: { 200: z.array(run), 400: errorBody, 503: errorBody },
    },
  }, async (req) => {
    // a misspelt job is an error naming the jobs there are, not "no runs" (as `assay runs --job`)
    if (req.query.job !== undefined) getJob(req.query.job);
    const { job, status, limit } = req.query;
    // a 'running' run may be seen as abandoned: the status filter applies to the status shown, so the SQL also
    // takes the running runs (few: one per live process, and those a dead one left), over the limit
    const rows = await ctx.warehouse.read(async (wh) => {
      const running = status === undefined ? 0 : (await wh.one<{ n: number }>(`SELECT count(*) AS n FROM job_runs WHERE status = 'running'`))!.n;
      return wh.all(
        `SELECT ${COLUMNS} FROM job_runs WHERE ($job IS NULL OR job = $job) AND ($status IS NULL OR status = $status OR status = 'running')
         ORDER BY started_at DESC, run_id DESC LIMIT $limit`,
        { job: job ?? null, status: status ?? null, limit: limit + running },
      );
    });
    const recorded = rows.map(shaped).filter((r) => status === undefined || r.status === status).slice(0, limit);
    const held = ctx.queue.unrecorded().map(unrecordedRow).filter((r) => (job === undefined || r.job === job) && (status === undefined || r.status === status));
    if (held.length === 0) return recorded;
    // ISO instants in UTC sort as text
    const newestFirst = (a: z.infer<typeof run>, b: z.infer<typeof run>) => (b.started_at ?? '').localeCompare(a.started_at ?? '') || b.run_id.localeCompare(a.run_id);
    return [...recorded, ...held].sort(newestFirst).slice(0, limit);
  });

  r.get('/runs/:run_id', {
    schema: { summary: 'one job run: recorded, or queued behind others', tags: ['runs'], params: z.object({ run_id: z.string() }), response: { 200: run, 404: errorBody, 503: errorBody } },
  }, async (req, reply) => {
    // the queue first: a run leaves it once job_runs has it, so it is always in one of the two
    const queued = ctx.queue.queued(req.params.run_id);
    if (queued) {
      return { run_id: queued.run_id, job: queued.job, status: 'queued' as const, params: queued.params, started_at: null, ended_at: null, counts: null, error_code: null, error_message: null, ...NOT_RECORDED };
    }
    const held = ctx.queue.unrecorded().find((r) => r.run_id === req.params.run_id);
    if (held) return unrecordedRow(held);
    const row = await ctx.warehouse.read((wh) => wh.one(`SELECT ${COLUMNS} FROM job_runs WHERE run_id = $1`, [req.params.run_id]));
    if (!row) return sendError(reply, 404, new AssayError('ASSAY_ERR_NO_DATA', `No run ${req.params.run_id} in job_runs`));
    return shaped(row);
  });

  r.get('/schedule', {
    schema: {
      summary: 'the config’s schedule: each entry with its next fire time and its last run (`assay schedule --list`)',
      tags: ['runs'],
      response: {
        200: z.array(z.object({
          entry: z.string(), job: z.string(), cron: z.string(), timezone: z.string(), next_run_at: z.string().nullable(),
          armed_at: z.string().nullable(), last_fire_at: z.string().nullable(), last_run_id: z.string().nullable(), last_status: z.string().nullable(),
        })),
        500: errorBody,
        503: errorBody,
      },
    },
    // the schedule was checked when the server started (buildServer): a bad entry never gets this far
  }, async () => ctx.warehouse.read((wh) => listSchedule(wh, ctx.config)));
}

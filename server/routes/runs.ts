import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssayError } from '../../data/errors.ts';
import type { Row } from '../../data/warehouse.ts';
import type { ServerContext } from '../context.ts';
import { errorBody } from '../errors.ts';
import { listSchedule } from '../../jobs/scheduler.ts';

const run = z
  .object({
    run_id: z.string(),
    job: z.string(),
    status: z.enum(['running', 'succeeded', 'failed', 'abandoned']),
    params: z.unknown(),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    counts: z.unknown(),
    error_code: z.string().nullable(),
    error_message: z.string().nullable(),
  })
  .meta({ id: 'JobRun' });

const COLUMNS = 'run_id, job, status, params, started_at, ended_at, counts, error_code, error_message';

/** job_runs rows as the API gives them: params and counts as JSON values, not JSON text. */
function shaped(r: Row): z.infer<typeof run> {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));
  return { ...(r as z.infer<typeof run>), params: json(r.params), counts: json(r.counts) };
}

/** The recorded job runs (job_runs), read through the reading connection: committed state only. */
export function runRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/runs', {
    schema: {
      summary: 'recorded job runs, newest first',
      tags: ['runs'],
      querystring: z.object({
        job: z.string().optional().describe('only runs of this job'),
        status: run.shape.status.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(20),
      }),
      response: { 200: z.array(run), 400: errorBody },
    },
  }, async (req) => {
    const rows = await ctx.reader.all(
      `SELECT ${COLUMNS} FROM job_runs WHERE ($job IS NULL OR job = $job) AND ($status IS NULL OR status = $status)
       ORDER BY started_at DESC, run_id DESC LIMIT $limit`,
      { job: req.query.job ?? null, status: req.query.status ?? null, limit: req.query.limit },
    );
    return rows.map(shaped);
  });

  r.get('/runs/:run_id', {
    schema: { summary: 'one recorded job run', tags: ['runs'], params: z.object({ run_id: z.string() }), response: { 200: run, 404: errorBody } },
  }, async (req) => {
    const row = await ctx.reader.one(`SELECT ${COLUMNS} FROM job_runs WHERE run_id = $1`, [req.params.run_id]);
    if (!row) throw new AssayError('ASSAY_ERR_NO_DATA', `No run ${req.params.run_id} in job_runs`);
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
        400: errorBody,
      },
    },
  }, async () => listSchedule(ctx.reader, ctx.config));
}

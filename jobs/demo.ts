import { join, resolve } from 'node:path';
import { z } from 'zod';
import { recordsNoDemoWrote, writeDemoLogs } from '../data/demo.ts';
import type { AssayConfig } from './config.ts';
import { defineJob, type JobDefinition } from './defineJob.ts';
import { runJob } from './runJob.ts';
import { isoDate } from '../data/isoDate.ts';
import { AssayError } from '../data/errors.ts';

/** Jobs the demo does not chain in registry order (it is one; ingest runs first, on the generated logs). */
const NOT_CHAINED = new Set(['demo', 'ingest']);


/**
 * Monthly budgets sized to the generated volume (factor 1 = scale 1 at a 5% upstream sample), so the demo
 * shows budget burn, and the planted cost jump pushes globex and summarize_ticket over; a config's own
 * budgets win.
 */
function withDemoBudgets(cost: AssayConfig['cost'], factor: number): AssayConfig['cost'] {
  if (Object.keys(cost.budgets.tenants).length || Object.keys(cost.budgets.workflows).length) return cost;
  const scaled = (b: Record<string, number>) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * factor)]));
  return {
    ...cost,
    budgets: {
      tenants: scaled({ acme: 2500, globex: 1100, initech: 700, umbrella: 400 }),
      workflows: scaled({ draft_reply: 4000, summarize_ticket: 450 }),
    },
  };
}

export const demo = defineJob({
  name: 'demo',
  description: 'generate realistic production logs with planted events, ingest them and run every other job',
  params: z
    .object({
      out: z.string().default('demo-out').describe('directory for the generated logs and the report'),
      end: isoDate.optional().describe('exclusive end of the generated period (default: Monday of the current ISO week, UTC)'),
      weeks: z.number().int().min(5).max(26).default(6),
      scale: z.number().positive().max(50).default(1).describe('volume multiplier (1 ≈ 175k records)'),
      upstream_rate: z.number().gt(0).max(1).default(0.05).describe('the generated logs stand for a sample of production traffic at this rate'),
    })
    .strict(),
  transactional: false,
  async run(ctx, p) {
    // Run from the API or a schedule, the demo would fill the served warehouse with generated logs (and notify the
    // alert channels about them): only an empty warehouse, or one an earlier demo filled, takes it.
    const foreign = await recordsNoDemoWrote(ctx.wh, ctx.runId);
    if (foreign > 0) {
      throw new AssayError(
        'ASSAY_ERR_USAGE',
        `the demo fills a warehouse of its own with generated logs, and ${ctx.wh.path} holds ${foreign} records no demo wrote: run \`assay demo\`, which makes its own warehouse`,
      );
    }
    const out = resolve(ctx.baseDir, p.out);
    const period = await ctx.wh.one<{ start: string; end: string; week: string }>(
      `SELECT CAST(e - INTERVAL (7 * $weeks) DAY AS DATE) AS start, e AS "end", strftime(e - INTERVAL 1 DAY, '%G-W%V') AS week
       FROM (SELECT CAST(coalesce(CAST($end AS DATE), date_trunc('week', current_date)) AS DATE) AS e)`,
      { end: p.end ?? null, weeks: p.weeks },
    );
    if (!period) throw new Error('could not compute the demo period');
    ctx.progress(`demo: generating ${p.weeks} weeks of logs (${period.start} … ${period.end}, exclusive) into ${join(out, 'logs')}`);
    const logs = await writeDemoLogs(ctx.wh, { start: period.start, days: p.weeks * 7, scale: p.scale, dir: join(out, 'logs') });
    ctx.progress(`demo: ${logs.records} records in ${logs.files.length} files (+${logs.plantedBadLines} bad lines, ${logs.plantedDuplicates} re-delivered records)`);

    const config = {
      ...ctx.config,
      ingest: { ...ctx.config.ingest, sampling: { ...ctx.config.ingest.sampling, upstream_rate: p.upstream_rate } },
      cost: withDemoBudgets(ctx.config.cost, p.scale * (0.05 / p.upstream_rate)),
    };
    const paramsFor: Record<string, unknown> = {
      ingest: { paths: [join(out, 'logs')] },
      cost: { week: period.week },
      drift: { end: period.end, window_days: 7 },
      report: { week: period.week, out: join(out, 'reports') },
    };
    const { JOBS } = await import('./registry.ts');
    const chain: JobDefinition[] = [JOBS.find((j) => j.name === 'ingest'), ...JOBS.filter((j) => !NOT_CHAINED.has(j.name))].filter(
      (j): j is JobDefinition => j !== undefined,
    );
    const steps: { job: string; run_id: string; seconds: number; counts: Record<string, number>; output?: unknown }[] = [];
    for (const job of chain) {
      ctx.progress(`demo: running ${job.name}…`);
      const r = await runJob(job, paramsFor[job.name] ?? {}, { wh: ctx.wh, config, baseDir: ctx.baseDir, progress: ctx.progress });
      steps.push({ job: job.name, run_id: r.runId, seconds: r.durationMs / 1000, counts: r.result.counts ?? {}, output: r.result.output });
    }
    return {
      counts: { records_generated: logs.records, files: logs.files.length, jobs_run: steps.length },
      output: { warehouse: ctx.wh.path, logs: join(out, 'logs'), week: period.week, period, steps },
    };
  },
});

import { z } from 'zod';
import { defaultDriftEnd, runDrift } from '../evaluators/drift/runDrift.ts';
import { storeDriftRun } from '../evaluators/drift/store.ts';
import { defineJob } from './defineJob.ts';
import { isoDate } from '../data/isoDate.ts';


export const drift = defineJob({
  name: 'drift',
  description: "compare the last window_days with the reference weeks for every segment: unknown spikes, rates, category mix, numeric drift",
  params: z
    .object({
      window_days: z.number().int().positive().max(366).default(7),
      end: isoDate.optional().describe('exclusive end of the current window (default: start of today, UTC, or the day after the latest record if that is earlier)'),
      reference_days: z.number().int().positive().max(3660).default(28),
    })
    .strict(),
  async run(ctx, p) {
    const latest = p.end ? null : await ctx.wh.one<{ day: string | null }>('SELECT utc_day(max(ts)) AS day FROM records');
    const { end, source: end_source } = p.end ? { end: p.end, source: 'given by --end' } : defaultDriftEnd(new Date().toISOString().slice(0, 10), latest?.day ?? null);
    const run = await runDrift(ctx.wh, ctx.config.drift, { window_days: p.window_days, reference_days: p.reference_days, end });
    await storeDriftRun(ctx.wh, ctx.runId, ctx.config.drift, run);
    const count = (s: string) => run.results.filter((r) => r.severity === s).length;
    const findings = run.results.filter((r) => r.severity === 'high' || r.severity === 'medium' || r.severity === 'low');
    ctx.progress(`drift: ${run.windows.current.start}…${run.windows.current.end} vs ${run.windows.reference.start}…${run.windows.reference.end}: ${findings.length} findings`);
    return {
      counts: {
        results: run.results.length,
        high: count('high'),
        medium: count('medium'),
        low: count('low'),
        insufficient_data: count('insufficient_data'),
      },
      output: { windows: run.windows, end_source, skipped: run.skipped, findings },
    };
  },
});

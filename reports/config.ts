import { z } from 'zod';

const bands = (amber: number, red: number) =>
  z
    .object({ amber: z.number().nonnegative().default(amber), red: z.number().nonnegative().default(red) })
    .strict()
    .prefault({})
    .refine((b) => b.amber <= b.red, { message: 'amber must not exceed red' });

/**
 * The `report` section of assay.config.json: when a week-over-week change is amber or red in the verdict.
 * Relative changes (0.5 = +50%) for latency, volume and cost; absolute changes of a share (0.03 = +3 pp) for rates.
 * Drift findings keep the severity the drift run gave them (high = red, medium = amber).
 */
export const reportConfig = z
  .object({
    min_requests: z.number().int().positive().default(100).describe('sampled records a row needs in both weeks before its change counts in the verdict'),
    min_requests_latency: z.number().int().positive().default(200).describe('sampled records both weeks need before a p95 latency change counts (a p95 of few records is noise)'),
    min_cost_usd: z.number().nonnegative().default(1).describe('estimated USD a scope needs in the week before its cost change counts'),
    min_z: z.number().nonnegative().default(3).describe('two-proportion z a rate change needs before it counts (many rows are compared each week)'),
    max_table_rows: z.number().int().positive().max(1000).default(40).describe('rows a long table keeps (report.json records the total)'),
    trend_weeks: z.number().int().min(2).max(104).default(8).describe('weeks shown in trend charts'),
    thresholds: z
      .object({
        latency_p95_rise: bands(0.25, 0.5),
        error_rate_rise: bands(0.01, 0.03),
        timeout_rate_rise: bands(0.01, 0.03),
        fallback_rate_rise: bands(0.02, 0.05),
        human_override_rate_rise: bands(0.02, 0.05),
        unknown_rate_rise: bands(0.02, 0.05),
        volume_drop: bands(0.3, 0.6),
        cost_rise: bands(0.25, 0.5),
        quarantine_share: bands(0.01, 0.05),
        budget_forecast_burn: bands(0.9, 1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ReportConfig = z.infer<typeof reportConfig>;
export type Bands = { amber: number; red: number };

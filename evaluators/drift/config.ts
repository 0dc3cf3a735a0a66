import { z } from 'zod';
import { isoDate } from '../../data/isoDate.ts';
import { DRIFT_TESTS } from './registry.ts';

const bandsOverride = z
  .object({ low: z.number().nonnegative(), medium: z.number().nonnegative(), high: z.number().nonnegative() })
  .partial()
  .strict();

/** The `drift` section of assay.config.json (defaults: evaluators/drift/defaults.ts explains them). */
export const driftConfig = z
  .object({
    unknown_categories: z
      .array(z.string().nullable())
      .min(1)
      .default(['unknown'])
      .describe("category values counted as 'unknown', ignoring case and surrounding whitespace; '' or null: a missing (or empty) category"),
    low_confidence_threshold: z.number().min(0).max(1).default(0.5).describe('confidence below this counts towards low_confidence_rate'),
    min_sample_size: z.number().int().positive().default(100).describe('records needed in each window before a segment is tested'),
    large_sample_size: z.number().int().positive().default(1000).describe('from this size effect-only tests (Wasserstein, Jensen–Shannon, PSI) are graded'),
    daily_min_requests: z.number().int().positive().default(20).describe('requests a day needs before its p-chart point is graded'),
    fdr: z.number().gt(0).lt(1).default(0.05).describe('Benjamini–Hochberg false discovery rate over all segment × test pairs'),
    baseline: z
      .object({ start: isoDate, end: isoDate.describe('exclusive') })
      .strict()
      .optional()
      .describe('a pinned reference period instead of the weeks before the current window'),
    thresholds: z
      .record(z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, "a test name, or 'test.metric'"), bandsOverride)
      .default({})
      .describe("effect-size bands per test ('ks') or per test and metric ('two_proportion.error_rate')"),
    tests: z
      .object(Object.fromEntries(DRIFT_TESTS.map((t) => [t.name, (t.options as z.ZodObject).prefault({})])))
      .strict()
      .prefault({})
      .describe('each test\'s options, from its definition: { "psi": { "bins": 5 }, "jensen_shannon": { "base": 2 }, "unknown_rate_spike": { "sigma": 2.5 } }'),
  })
  .strict();

export type DriftConfig = z.infer<typeof driftConfig>;

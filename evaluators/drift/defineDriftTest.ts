import type { z } from 'zod';

/**
 * A drift test is a SQL aggregate plus a pure formula. `kinds` says which aggregate shapes it reads
 * (each shape is one shared query in data/queries/drift/); `compute` finishes the statistic from those
 * small arrays. Segmentation, minimum volume, FDR, severity and storage belong to runDrift.ts.
 */
export type DriftKind = 'rate' | 'categorical' | 'numeric';

/**
 * Counts of one rate (x of n) in each window, plus the per-day counts of both windows (day order). Where a window's
 * records were kept at different sample rates these are its effective counts (evaluators/drift/aggregates.ts
 * effectiveCounts), and `records` says how many records there were.
 */
export interface RateAggregate {
  kind: 'rate';
  metric: string;
  cur: { n: number; x: number };
  ref: { n: number; x: number };
  days: { day: string; window: 'current' | 'reference'; n: number; x: number }[];
  records?: { cur: number; ref: number };
}

/**
 * Category counts in each window, aligned on `categories` (the union of both windows): effective counts, shares of
 * the traffic, where a window's records were kept at different sample rates (`records`: how many there were).
 */
export interface CategoricalAggregate {
  kind: 'categorical';
  metric: string;
  categories: string[];
  cur: number[];
  ref: number[];
  records?: { cur: number; ref: number };
}

/** Per-window summary of a numeric metric. */
export interface NumericSummary {
  n: number;
  mean: number;
  /** Population standard deviation (ddof 0, numpy.std's default): what Evidently divides the Wasserstein distance by. */
  std: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * A numeric metric in both windows: the difference of their empirical CDFs, their summaries and the PSI's cuts
 * (from a fine grid and its refined bins, in DuckDB: data/queries/drift/numeric_*.sql).
 */
export interface NumericAggregate {
  kind: 'numeric';
  metric: string;
  /** sup |F_cur − F_ref| (the KS statistic) and ∫ |F_cur − F_ref| dx (the first Wasserstein distance). */
  ecdf: { maxGap: number; area: number };
  summary: { cur: NumericSummary; ref: NumericSummary };
  /**
   * The PSI's cuts for `bins` reference quantile bins, exact: for cut j (1 … bins − 1) the reference's inverted-cdf
   * quantile at j/bins and how many values of each window are at most it (none when the reference is empty).
   */
  psiCuts: { bins: number; q: number[]; cur: number[]; ref: number[] };
}

export type DriftAggregate = RateAggregate | CategoricalAggregate | NumericAggregate;
type AggregateOf<K extends DriftKind> = Extract<DriftAggregate, { kind: K }>;

export interface DriftOutcome {
  statistic: number;
  /** null for effect-only tests (graded by effect size on large samples only). */
  pValue: number | null;
  /** The effect size the severity bands apply to, signed where direction matters. */
  effect: number;
  details?: Record<string, unknown>;
}

/** Effect-size bands: |effect| ≥ low / medium / high gives that severity (when significant). */
export interface SeverityBands {
  low: number;
  medium: number;
  high: number;
}

export interface DriftTestDefinition<K extends DriftKind = DriftKind, S extends z.ZodType = z.ZodType> {
  /** Stored name, snake_case: `unknown_rate_spike`. */
  name: string;
  description: string;
  kinds: readonly K[];
  options: S;
  /** What `effect` measures, for people reading results. */
  effectName: string;
  bands: SeverityBands;
  /**
   * Effect-only tests: the test with a p-value whose significance (same segment and metric) a finding needs, per
   * aggregate kind (wasserstein → ks; jensen_shannon → chi_square).
   */
  corroboratedBy?: Partial<Record<DriftKind, string>>;
  compute(aggregate: AggregateOf<K>, options: z.infer<S>): DriftOutcome;
}

export function defineDriftTest<K extends DriftKind, S extends z.ZodType>(def: DriftTestDefinition<K, S>): DriftTestDefinition<K, S> {
  return def;
}

/**
 * What runs by default, and why.
 *
 * Every test runs on every segment; what differs by sample size is which tests may raise an alarm
 * (after Evidently's default choice, `get_default_stattest`, made at least as careful):
 *
 * | kind        | both windows < large_sample_size (1000)     | both windows ≥ large_sample_size                           |
 * |-------------|---------------------------------------------|------------------------------------------------------------|
 * | numeric     | KS: p_adjusted < fdr AND D ≥ 0.1            | also Wasserstein/std ≥ 0.1, PSI ≥ 0.1, when KS is significant |
 * | categorical | χ²: p_adjusted < fdr AND Cramér's V ≥ 0.1   | also Jensen–Shannon ≥ 0.1, PSI ≥ 0.1, when χ² is significant  |
 * | rate        | z-test: p_adjusted < fdr AND rise ≥ 2 pp    | same                                                       |
 *
 * Evidently alarms on p < 0.05 alone for small samples and on the distance alone for large ones; here a
 * test with a p-value needs both significance after Benjamini–Hochberg (across every segment × test pair
 * of the run) and an effect at least its low band, so a tiny but "significant" shift in a huge segment is
 * no alarm, and neither is a large-looking effect on noise. Below min_sample_size (100) records in either
 * window a segment is "insufficient_data", never an alarm. Severity is the highest band the effect reaches
 * (bands per test in its file; override in config `drift.thresholds`).
 */
/**
 * Each rate's columns in data/queries/drift/rate_counts.sql: records (`count` of `total`) and their weights
 * 1/sample_rate (`countW` of `totalW`, `totalW2` = Σ 1/sample_rate²).
 */
export const RATE_METRICS = [
  { metric: 'unknown_rate', count: 'unknown_n', total: 'n', countW: 'unknown_w', totalW: 'w', totalW2: 'w2' },
  { metric: 'error_rate', count: 'error_n', total: 'n', countW: 'error_w', totalW: 'w', totalW2: 'w2' }, // status error or timeout
  { metric: 'fallback_rate', count: 'fallback_n', total: 'n', countW: 'fallback_w', totalW: 'w', totalW2: 'w2' },
  { metric: 'human_override_rate', count: 'human_override_n', total: 'n', countW: 'human_override_w', totalW: 'w', totalW2: 'w2' },
  { metric: 'low_confidence_rate', count: 'low_confidence_n', total: 'confidence_n', countW: 'low_confidence_w', totalW: 'confidence_w', totalW2: 'confidence_w2' },
] as const;

export const CATEGORICAL_METRICS = ['category'] as const;

/** Per-request cost is only measured when a priced view exists (evaluators/drift/costSource.ts). */
export const NUMERIC_METRICS = ['latency_ms', 'input_tokens', 'output_tokens', 'confidence', 'cost_usd'] as const;

export interface PlannedTest {
  test: string;
  metric: string;
}

/** The default plan: which test runs on which metric. */
export const DEFAULT_PLAN: readonly PlannedTest[] = [
  { test: 'unknown_rate_spike', metric: 'unknown_rate' },
  ...RATE_METRICS.filter((r) => r.metric !== 'unknown_rate').map((r) => ({ test: 'two_proportion', metric: r.metric })),
  ...['chi_square', 'jensen_shannon', 'psi'].flatMap((test) => CATEGORICAL_METRICS.map((metric) => ({ test, metric }))),
  ...['ks', 'wasserstein', 'psi'].flatMap((test) => NUMERIC_METRICS.map((metric) => ({ test, metric }))),
];

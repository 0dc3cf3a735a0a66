import type { SeverityBands } from './defineDriftTest.ts';

export const SEVERITIES = ['insufficient_data', 'none', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Ordering for sorting findings: high first. */
export const SEVERITY_RANK: Record<Severity, number> = { high: 4, medium: 3, low: 2, none: 1, insufficient_data: 0 };

export interface GradeInput {
  effect: number;
  /** Benjamini–Hochberg adjusted p-value; null for effect-only tests. */
  pAdjusted: number | null;
  /** Smaller of the two windows' sample sizes. */
  n: number;
  bands: SeverityBands;
  fdr: number;
  minSampleSize: number;
  largeSampleSize: number;
  /**
   * For an effect-only test: the adjusted p-value of the significance test of the same segment and metric (KS for
   * a numeric metric, χ² for the category mix). A large-looking distance that test finds no evidence for is noise
   * (a handful of outliers moves Wasserstein, sampling noise moves PSI), not a finding.
   */
  corroboratingPAdjusted?: number | null;
}

export interface Grade {
  severity: Severity;
  /** Which rule decided, stored in details.rule. */
  rule: string;
}

/** Severity from significance and effect size together (the table in defaults.ts). */
export function grade(g: GradeInput): Grade {
  if (g.n < g.minSampleSize) return { severity: 'insufficient_data', rule: `fewer than ${g.minSampleSize} records in a window` };
  if (g.pAdjusted === null && g.n < g.largeSampleSize) {
    return { severity: 'none', rule: `effect-only test, not graded below ${g.largeSampleSize} records per window` };
  }
  if (g.pAdjusted !== null && !(g.pAdjusted < g.fdr)) return { severity: 'none', rule: `not significant (p_adjusted ≥ ${g.fdr})` };
  if (g.pAdjusted === null && g.corroboratingPAdjusted != null && !(g.corroboratingPAdjusted < g.fdr)) {
    return { severity: 'none', rule: `effect size not corroborated: its significance test has p_adjusted ≥ ${g.fdr}` };
  }
  const e = Math.abs(g.effect);
  const rule = g.pAdjusted !== null ? `p_adjusted < ${g.fdr} and effect size` : g.corroboratingPAdjusted != null ? `effect size (large sample), corroborated by its significance test (p_adjusted < ${g.fdr})` : 'effect size (large sample)';
  if (e >= g.bands.high) return { severity: 'high', rule };
  if (e >= g.bands.medium) return { severity: 'medium', rule };
  if (e >= g.bands.low) return { severity: 'low', rule };
  return { severity: 'none', rule: `effect below ${g.bands.low}` };
}

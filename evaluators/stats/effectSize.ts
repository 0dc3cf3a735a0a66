/** Effect sizes shared by drift tests. */

/** Cohen's h for two proportions: 2·asin√p1 − 2·asin√p2 (0.2 small, 0.5 medium, 0.8 large). */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Cramér's V from a χ² statistic over a table with `total` observations and the smaller dimension `k`. */
export function cramersV(chi2: number, total: number, k: number): number {
  if (total <= 0 || k <= 1) return 0;
  return Math.sqrt(chi2 / (total * (k - 1)));
}

/** Relative change (now − before) / before; null when the baseline is 0. */
export function relativeChange(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

import { normalSf } from './distributions.ts';

/**
 * A p-chart (Shewhart control chart for a proportion): centre line p̄ from the reference period, upper limit
 * p̄ + k·√(p̄(1−p̄)/n) for a day with n observations (k = 3 by convention), clipped to [0, 1] — when n·p̄ is large
 * enough for the normal approximation (≥ 30 expected events). Below that (an "unknown" share of 3% on 50 requests
 * a day), the normal limit is crossed 3–25 times more often than the nominal 0.135%, so the limit is the exact
 * binomial one: the smallest count whose upper tail P(X ≥ c | n, p̄) is below the normal tail of k σ. A reference
 * with no events at all (p̄ = 0) puts every event above a zero limit; with `referenceN` given, its tail uses
 * p̄ = ½ / (referenceN + 1) instead (Jeffreys' estimate of a rate never seen).
 */
export interface PChartPoint {
  day: string;
  n: number;
  count: number;
}

export interface PChartDay extends PChartPoint {
  rate: number;
  centre: number;
  lcl: number;
  ucl: number;
  /** (rate − p̄) / σ_day; 0 when σ is 0. */
  z: number;
  above: boolean;
  /** Beyond the warning limit (k − 1 σ, or the same binomial tail): not an alarm, but it does not end a spike. */
  warn: boolean;
}

/** Below this many expected events a day, limits come from the binomial distribution. */
const NORMAL_FROM_EXPECTED = 30;

/** The smallest count c with P(X ≥ c) < alpha for X ~ Binomial(n, p), n·p small (the pmf starts at (1−p)^n). */
export function binomialUpperLimit(n: number, p: number, alpha: number): number {
  if (p <= 0) return 1;
  let pmf = Math.exp(n * Math.log1p(-p));
  let cdf = 0;
  for (let c = 0; c <= n; c++) {
    cdf += pmf; // P(X ≤ c)
    if (1 - cdf < alpha) return c + 1;
    pmf *= ((n - c) / (c + 1)) * (p / (1 - p));
  }
  return n + 1;
}

export function pChart(centre: number, days: readonly PChartPoint[], k = 3, referenceN?: number): PChartDay[] {
  const [alpha, alphaWarn] = [normalSf(k), normalSf(k - 1)];
  const tailRate = centre > 0 || referenceN === undefined ? centre : 0.5 / (referenceN + 1);
  return days.map((d) => {
    const sigma = d.n > 0 ? Math.sqrt((centre * (1 - centre)) / d.n) : 0;
    const rate = d.n > 0 ? d.count / d.n : 0;
    const lcl = Math.max(0, centre - k * sigma);
    const z = sigma > 0 ? (rate - centre) / sigma : 0;
    if (d.n > 0 && d.n * tailRate < NORMAL_FROM_EXPECTED) {
      const limit = binomialUpperLimit(d.n, tailRate, alpha);
      const above = d.count >= limit;
      // the limit drawn half a count below the first alarming count, so 'rate > ucl' means the same everywhere
      return { ...d, rate, centre, lcl, ucl: Math.min(1, (limit - 0.5) / d.n), z, above, warn: above || d.count >= binomialUpperLimit(d.n, tailRate, alphaWarn) };
    }
    const ucl = Math.min(1, centre + k * sigma);
    const above = d.n > 0 && rate > ucl;
    return { ...d, rate, centre, lcl, ucl, z, above, warn: above || (d.n > 0 && rate > centre + (k - 1) * sigma) };
  });
}

/**
 * The day a sustained rise started: the first day above the upper limit in the last run of days beyond the warning
 * limit that reaches the end of the series (a day that is high but just short of the alarm — 7 of 66 at 3% — does
 * not cut a spike in two), or else the first day above the limit; null when none is.
 */
export function spikeStart(days: readonly PChartDay[]): string | null {
  const firstAbove = days.find((d) => d.above);
  if (!firstAbove) return null;
  let i = days.length - 1;
  while (i >= 0 && days[i].n === 0) i--;
  if (i < 0 || !days[i].warn) return firstAbove.day;
  while (i > 0 && (days[i - 1].warn || days[i - 1].n === 0)) i--;
  const start = days.slice(i).find((d) => d.above);
  return (start ?? firstAbove).day;
}

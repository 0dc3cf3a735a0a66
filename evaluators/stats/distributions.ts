import chisquare from '@stdlib/stats-base-dists-chisquare';
import normal from '@stdlib/stats-base-dists-normal';

/** P(Z > z) for a standard normal Z (computed as Φ(−z), which keeps precision in the far tail). */
export function normalSf(z: number): number {
  return normal.cdf(-z, 0, 1);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/** P(X > x) for X ~ χ²(df). */
export function chiSquareSf(x: number, df: number): number {
  if (df <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - chisquare.cdf(x, df)));
}

/**
 * Survival function of the limiting Kolmogorov distribution,
 * Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²)  (Kolmogorov 1933; the series converges fast for λ > 0.2).
 */
export function kolmogorovSf(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sided p-value of the two-sample Kolmogorov–Smirnov statistic D for sample sizes n1, n2:
 * the asymptotic distribution with Stephens' small-sample correction,
 * p = Q((√nₑ + 0.12 + 0.11/√nₑ)·D), nₑ = n1·n2/(n1+n2)  (Stephens 1970; Numerical Recipes §14.3.3).
 * Within a few percent of the exact distribution for nₑ ≥ 20; drift segments are larger than that.
 */
export function ksTwoSamplePValue(d: number, n1: number, n2: number): number {
  const ne = (n1 * n2) / (n1 + n2);
  const sq = Math.sqrt(ne);
  return kolmogorovSf((sq + 0.12 + 0.11 / sq) * d);
}

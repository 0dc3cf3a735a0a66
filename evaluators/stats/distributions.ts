import gammainc from '@stdlib/math-base-special-gammainc';
import normal from '@stdlib/stats-base-dists-normal';
import { kolmogorovSmirnovSf } from './kolmogorov.ts';

/** P(Z > z) for a standard normal Z (computed as Φ(−z), which keeps precision in the far tail). */
export function normalSf(z: number): number {
  return normal.cdf(-z, 0, 1);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/**
 * P(X > x) for X ~ χ²(df): the upper regularized incomplete gamma Q(df/2, x/2), computed directly so a strong
 * shift keeps its p-value (1e-86) instead of 1 − cdf rounding it to 0.
 */
export function chiSquareSf(x: number, df: number): number {
  if (df <= 0) return 1;
  if (x <= 0) return 1;
  return Math.min(1, Math.max(0, gammainc(x / 2, df / 2, true, true)));
}

/**
 * Exact P(D ≥ d) of the two-sample Kolmogorov–Smirnov statistic under H0 for samples of sizes m and n
 * (continuous data): the share of the C(m+n, n) equally likely lattice paths from (0,0) to (m,n) that touch
 * |x/m − y/n| ≥ d (Hodges 1958, "The significance probability of the Smirnov two-sample test"). Computed as the
 * probability r(x,y) that a random path to (x,y) has touched the boundary, r = 1 on it and
 * r(x,y) = (x·r(x−1,y) + y·r(x,y−1)) / (x+y) inside, which keeps small p-values exact (no 1 − q cancellation;
 * Viehmann 2021). Only the band inside the boundary is visited: about 2·d·m·n steps.
 */
export function ksTwoSampleExactSf(d: number, m: number, n: number): number {
  if (n > m) [m, n] = [n, m];
  const g = gcd(m, n);
  const a = n / g; // x·a − y·b = (x/m − y/n)·lcm
  const b = m / g;
  const k = Math.round(d * a * m); // d on the lattice of possible values k / lcm
  if (k <= 0) return 1;
  // One column at a time, in place: r[y] holds column x − 1 until it is overwritten with column x.
  const r = new Float64Array(n + 1);
  const inv = new Float64Array(m + n + 1);
  for (let i = 1; i <= m + n; i++) inv[i] = 1 / i;
  let hi = Math.min(n, Math.floor((k - 1) / b)); // column x = 0: inside while y·b < k
  if (hi < 0) return 1;
  for (let x = 1; x <= m; x++) {
    const lo = Math.max(0, Math.ceil((x * a - k + 1) / b));
    const nhi = Math.min(n, Math.floor((x * a + k - 1) / b));
    if (lo > nhi) return 1;
    for (let y = hi + 1; y <= nhi; y++) r[y] = 1; // rows entering the band were outside it in column x − 1
    hi = nhi;
    let below = lo === 0 ? 0 : 1; // the point under the band is outside it
    for (let y = lo; y <= hi; y++) {
      below = (x * r[y] + y * below) * inv[x + y];
      r[y] = below;
    }
  }
  return hi === n ? Math.min(1, Math.max(0, r[n])) : 1;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Steps the exact distribution may take (≈0.1 s) before the asymptotic one is used instead. With both windows at
 * most 10,000 it is only exceeded where D ≥ 0.2 at 10,000 vs 10,000 records, p < 10⁻¹⁷⁰.
 */
const EXACT_KS_BUDGET = 4e7;

/** Rounds half to even, as numpy.round does (scipy rounds nₑ so). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sided p-value of the two-sample Kolmogorov–Smirnov statistic D for sample sizes n1, n2, as
 * scipy.stats.ks_2samp(method='auto'): the exact distribution (ksTwoSampleExactSf) when both samples have at most
 * 10,000 values, else scipy's asymptotic p-value, the one-sample distribution kstwo.sf(D, round(nₑ)),
 * nₑ = n1·n2/(n1+n2) (kolmogorov.ts). Stephens' corrected limit, used here before, was 1–9% off it at p ≤ 10⁻⁴.
 */
export function ksTwoSamplePValue(d: number, n1: number, n2: number): number {
  if (Math.max(n1, n2) <= 10_000 && 2 * d * n1 * n2 + n1 + n2 <= EXACT_KS_BUDGET) return ksTwoSampleExactSf(d, n1, n2);
  return kolmogorovSmirnovSf(d, roundHalfEven((n1 * n2) / (n1 + n2)));
}

import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The one-sample two-sided Kolmogorov–Smirnov distribution for finite n, P(Dₙ ≥ x) — what
 * scipy.stats.kstwo.sf(x, n) computes, and what scipy.stats.ks_2samp's asymptotic p-value is:
 * kstwo.sf(D, round(n₁n₂/(n₁+n₂))). Same regions as Simard & L'Ecuyer (2011, "Computing the two-sided
 * Kolmogorov–Smirnov distribution"), which scipy follows:
 *  - the exact ends (Ruben & Gambino 1982): n·x ≤ 1 and n·x ≥ n − 1;
 *  - the upper tail, n·x² ≥ 2.2 or x ≥ ½: twice the exact one-sided Smirnov tail (the chance of crossing both
 *    bounds is below 10⁻⁸ of it there), summed in logs so p-values of 10⁻³⁰⁰ keep their digits;
 *  - elsewhere (p above ~0.02): 1 − the Pelz–Good (1976) expansion of the CDF to n^(−3/2), within 4·10⁻⁶ of the
 *    exact value from n = 141 on (scipy switches to a Durbin matrix below 10⁵, Pelz–Good above), 2·10⁻⁴ at n = 100.
 * The limiting Kolmogorov distribution alone (or Stephens' correction of it) is 1–9% off at p = 10⁻⁴…10⁻⁶⁰.
 */
export function kolmogorovSmirnovSf(x: number, n: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  if (t <= 0.5) return 1;
  if (t <= 1) return 1 - Math.exp(gammaln(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1));
  if (t >= n - 1) return 2 * (1 - x) ** n;
  if (x >= 0.5 || t * x >= 2.2) return Math.min(1, 2 * smirnovSf(n, x));
  return Math.min(1, Math.max(0, 1 - pelzGoodCdf(n, x)));
}

/**
 * One-sided P(Dₙ⁺ ≥ x). Up to n = 10⁶ exactly, Birnbaum & Tingey (1951):
 * x·Σ_{j=0}^{⌊n(1−x)⌋} C(n,j)·(1−x−j/n)^(n−j)·(x+j/n)^(j−1), every term positive, added in logs relative to the
 * largest so far; above, as scipy.special.smirnov does, exp(−(6nx + 1)²/(18n)).
 */
function smirnovSf(n: number, x: number): number {
  if (n > 1e6) return Math.exp(-((6 * n * x + 1) ** 2) / (18 * n));
  const last = Math.floor(n * (1 - x));
  let logChoose = 0; // log C(n, j)
  let max = -Infinity;
  let sum = 0; // Σ exp(term − max)
  for (let j = 0; j <= last; j++) {
    if (j > 0) logChoose += Math.log((n - j + 1) / j);
    const below = (n - j) / n - x;
    if (!(below > 0)) break;
    const l = logChoose + (n - j) * Math.log(below) + (j - 1) * Math.log(x + j / n);
    if (l > max) {
      sum = sum * Math.exp(max - l) + 1;
      max = l;
    } else sum += Math.exp(l - max);
  }
  return x * Math.exp(max) * sum;
}

/**
 * Pelz & Good's (1976) expansion P(Dₙ ≤ x) ≈ K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^(3/2), z = x√n, each Kᵢ in
 * its theta-function form for small z: sums over odd m of polynomials in m² times e^(−m²π²/(8z²)), and for K₂
 * and K₃ a further sum over k of e^(−k²π²/(2z²)).
 */
function pelzGoodCdf(n: number, x: number): number {
  const z = x * Math.sqrt(n);
  const z2 = z * z;
  const [pi2, pi4, pi6] = [Math.PI ** 2, Math.PI ** 4, Math.PI ** 6];
  const terms = Math.ceil((16 * z) / Math.PI);
  let [s0, s1, s2, s3] = [0, 0, 0, 0];
  for (let k = 1; k <= terms; k++) {
    const m2 = (2 * k - 1) ** 2;
    const e = Math.exp((-m2 * pi2) / (8 * z2));
    s0 += e;
    s1 += ((pi2 * m2) / 4 - z2) * e;
    s2 += (6 * z2 ** 3 + 2 * z2 ** 2 + ((2 * z2 ** 2 - 5 * z2) * pi2 * m2) / 4 + (pi4 * (1 - 2 * z2) * m2 ** 2) / 16) * e;
    s3 += (-30 * z2 ** 3 - 90 * z2 ** 4 + (pi2 * (135 * z2 ** 2 - 96 * z2 ** 3) * m2) / 4
      + (pi4 * (212 * z2 ** 2 - 60 * z2) * m2 ** 2) / 16 + (pi6 * (5 - 30 * z2) * m2 ** 3) / 64) * e;
  }
  let t2 = 0;
  let t3 = 0;
  for (let k = 1; k <= terms; k++) {
    const e = k * k * Math.exp((-k * k * pi2) / (2 * z2));
    t2 += e;
    t3 += (3 * z2 - pi2 * k * k) * e;
  }
  const r = Math.sqrt(2 * Math.PI);
  const k0 = (r * s0) / z;
  const k1 = (r * s1) / (6 * z2 ** 2);
  const k2 = (r * s2) / (72 * z ** 7) - (pi2 * r * t2) / (36 * z ** 3);
  const k3 = (r * s3) / (6480 * z ** 10) + (pi2 * r * t3) / (216 * z ** 6);
  return k0 + k1 / Math.sqrt(n) + k2 / n + k3 / n ** 1.5;
}

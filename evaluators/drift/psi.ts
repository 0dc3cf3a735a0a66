import { z } from 'zod';
import { defineDriftTest, type NumericAggregate } from './defineDriftTest.ts';

/**
 * Population stability index Σ (cᵢ − rᵢ)·ln(cᵢ/rᵢ) over shares of each bin, with empty shares (only those) replaced
 * by `epsilon` (as Evidently does, 0.0001) so a new or vanished bin counts instead of dividing by zero.
 */
export function populationStabilityIndex(cur: readonly number[], ref: readonly number[], epsilon = 1e-4): number {
  const sc = cur.reduce((s, v) => s + v, 0);
  const sr = ref.reduce((s, v) => s + v, 0);
  if (sc === 0 || sr === 0) return 0;
  let psi = 0;
  cur.forEach((c, i) => {
    const a = c > 0 ? c / sc : epsilon;
    const b = ref[i] > 0 ? ref[i] / sr : epsilon;
    psi += (a - b) * Math.log(a / b);
  });
  return psi;
}

/**
 * Merges a histogram on an increasing support into `bins` bins at the reference's quantiles q_k (the smallest value
 * whose reference ECDF reaches k/bins): (−∞, q₁], (q₁, q₂], …, (q_{bins−1}, ∞), tied quantiles making one bin —
 * numpy.searchsorted(numpy.unique(numpy.quantile(ref, k/bins, method='inverted_cdf')), x, side='left'). A cut falls
 * after the first point where the reference's cumulative count reaches k/bins of its total (compared in integers).
 */
export function referenceQuantileBins(a: Pick<NumericAggregate, 'cur' | 'ref'>, bins: number): { cur: number[]; ref: number[] } {
  const total = a.ref.reduce((s, v) => s + v, 0);
  const cur: number[] = [0];
  const ref: number[] = [0];
  let cum = 0;
  let next = 1;
  a.ref.forEach((r, i) => {
    cur[cur.length - 1] += a.cur[i];
    ref[ref.length - 1] += r;
    cum += r;
    if (next < bins && cum * bins >= next * total && i < a.ref.length - 1) {
      while (next < bins && cum * bins >= next * total) next++;
      cur.push(0);
      ref.push(0);
    }
  });
  return { cur, ref };
}

export const psi = defineDriftTest({
  name: 'psi',
  description: 'population stability index of the category mix, or of a numeric metric on reference quantile bins',
  kinds: ['categorical', 'numeric'],
  options: z.object({
    bins: z.number().int().min(2).default(10).describe('reference quantile bins for numeric metrics (exact when it divides REFERENCE_QUANTILE_GROUPS, 600)'),
    epsilon: z.number().positive().default(1e-4),
  }).strict(),
  effectName: 'PSI',
  bands: { low: 0.1, medium: 0.25, high: 0.5 },
  corroboratedBy: { numeric: 'ks', categorical: 'chi_square' },
  compute(a, o) {
    const h = a.kind === 'numeric' ? referenceQuantileBins(a, o.bins) : a;
    const v = populationStabilityIndex(h.cur, h.ref, o.epsilon);
    return { statistic: v, pValue: null, effect: v, details: { bins: h.cur.length } };
  },
});

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
 * The PSI's bins from its exact cuts (NumericAggregate.psiCuts): numpy.searchsorted(numpy.unique(cuts), x,
 * side='left'), so (−∞, q₁], (q₁, q₂], …, (q_last, ∞), equal cuts making one bin.
 */
export function cutBins(cuts: NumericAggregate['psiCuts'], totals: { cur: number; ref: number }): { cur: number[]; ref: number[] } {
  const cur: number[] = [];
  const ref: number[] = [];
  let below = { cur: 0, ref: 0 };
  cuts.q.forEach((q, j) => {
    if (j > 0 && q === cuts.q[j - 1]) return;
    cur.push(cuts.cur[j] - below.cur);
    ref.push(cuts.ref[j] - below.ref);
    below = { cur: cuts.cur[j], ref: cuts.ref[j] };
  });
  cur.push(totals.cur - below.cur);
  ref.push(totals.ref - below.ref);
  return { cur, ref };
}

export const psi = defineDriftTest({
  name: 'psi',
  description: 'population stability index of the category mix, or of a numeric metric on reference quantile bins',
  kinds: ['categorical', 'numeric'],
  options: z.object({
    bins: z.number().int().min(2).default(10).describe('reference quantile bins for numeric metrics (their cuts are read exactly, in DuckDB)'),
    epsilon: z.number().positive().default(1e-4),
  }).strict(),
  effectName: 'PSI',
  bands: { low: 0.1, medium: 0.25, high: 0.5 },
  corroboratedBy: { numeric: 'ks', categorical: 'chi_square' },
  compute(a, o) {
    // the aggregates read the cuts for the configured bins (drift.tests.psi.bins: runDrift passes them on)
    if (a.kind === 'numeric' && a.psiCuts.bins !== o.bins) throw new Error(`psi: aggregates cut for ${a.psiCuts.bins} bins, not ${o.bins}`);
    const h = a.kind === 'numeric' ? cutBins(a.psiCuts, { cur: a.summary.cur.n, ref: a.summary.ref.n }) : a;
    const v = populationStabilityIndex(h.cur, h.ref, o.epsilon);
    return { statistic: v, pValue: null, effect: v, details: { bins: h.cur.length } };
  },
});

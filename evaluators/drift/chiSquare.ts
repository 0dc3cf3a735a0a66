import { z } from 'zod';
import { chiSquareSf } from '../stats/distributions.ts';
import { cramersV } from '../stats/effectSize.ts';
import { defineDriftTest } from './defineDriftTest.ts';

/**
 * Pearson's χ² test of homogeneity on the 2 × k table (reference, current) × category, without Yates'
 * correction (scipy.stats.chi2_contingency(correction=False)). Effect: Cramér's V = √(χ²/N).
 */
export function chiSquareHomogeneity(cur: readonly number[], ref: readonly number[]) {
  const nCur = cur.reduce((s, v) => s + v, 0);
  const nRef = ref.reduce((s, v) => s + v, 0);
  const total = nCur + nRef;
  let chi2 = 0;
  let k = 0;
  cur.forEach((c, i) => {
    const col = c + ref[i];
    if (col === 0) return;
    k++;
    const eCur = (col * nCur) / total;
    const eRef = (col * nRef) / total;
    chi2 += (c - eCur) ** 2 / eCur + (ref[i] - eRef) ** 2 / eRef;
  });
  const df = k - 1;
  return { chi2, df, pValue: df > 0 ? chiSquareSf(chi2, df) : 1, cramersV: cramersV(chi2, total, 2) };
}

export const chiSquare = defineDriftTest({
  name: 'chi_square',
  description: "Pearson's chi-square test of the category mix now vs the reference",
  kinds: ['categorical'],
  options: z.object({}).strict(),
  effectName: "Cramér's V",
  bands: { low: 0.1, medium: 0.2, high: 0.3 },
  compute(a) {
    const r = chiSquareHomogeneity(a.cur, a.ref);
    return { statistic: r.chi2, pValue: r.pValue, effect: r.cramersV, details: { df: r.df } };
  },
});

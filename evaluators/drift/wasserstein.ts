import { z } from 'zod';
import { defineDriftTest, type NumericAggregate } from './defineDriftTest.ts';

/** First Wasserstein distance ∫|F_cur − F_ref| dx between two weighted samples on a shared, increasing support. */
export function wassersteinDistance(a: Pick<NumericAggregate, 'points' | 'cur' | 'ref'>): number {
  const nCur = a.cur.reduce((s, v) => s + v, 0);
  const nRef = a.ref.reduce((s, v) => s + v, 0);
  if (nCur === 0 || nRef === 0) return 0;
  let fc = 0;
  let fr = 0;
  let w = 0;
  for (let i = 0; i < a.points.length - 1; i++) {
    fc += a.cur[i];
    fr += a.ref[i];
    w += Math.abs(fc / nCur - fr / nRef) * (a.points[i + 1] - a.points[i]);
  }
  return w;
}

export const wasserstein = defineDriftTest({
  name: 'wasserstein',
  description: 'Wasserstein distance divided by the reference standard deviation (effect size; graded on large samples)',
  kinds: ['numeric'],
  options: z.object({ min_std: z.number().positive().default(0.001).describe('floor of the normaliser (Evidently uses 0.001)') }).strict(),
  effectName: 'Wasserstein distance / reference std',
  bands: { low: 0.1, medium: 0.25, high: 0.5 },
  compute(a, o) {
    const w = wassersteinDistance(a);
    const norm = Math.max(a.summary.ref.std, o.min_std);
    return { statistic: w / norm, pValue: null, effect: w / norm, details: { wasserstein: w, reference_std: a.summary.ref.std } };
  },
});

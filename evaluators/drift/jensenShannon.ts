import { z } from 'zod';
import { defineDriftTest } from './defineDriftTest.ts';

/**
 * Jensen–Shannon distance √((KL(p‖m) + KL(q‖m)) / 2), m = (p + q)/2, of two count vectors
 * (scipy.spatial.distance.jensenshannon; natural log by default, as Evidently uses it).
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base = Math.E): number {
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  if (sp === 0 || sq === 0) return 0;
  let js = 0;
  p.forEach((pv, i) => {
    const a = pv / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  });
  return Math.sqrt(Math.max(0, js / 2 / Math.log(base)));
}

export const jensenShannon = defineDriftTest({
  name: 'jensen_shannon',
  description: 'Jensen–Shannon distance between the category mixes (effect size; graded on large samples)',
  kinds: ['categorical'],
  options: z.object({ base: z.number().gt(1).default(Math.E).describe('logarithm base (e as Evidently; 2 bounds it by 1)') }).strict(),
  effectName: 'Jensen–Shannon distance',
  bands: { low: 0.1, medium: 0.2, high: 0.3 },
  corroboratedBy: { categorical: 'chi_square' },
  compute(a, o) {
    const d = jensenShannonDistance(a.ref, a.cur, o.base);
    return { statistic: d, pValue: null, effect: d };
  },
});

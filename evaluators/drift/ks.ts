import { z } from 'zod';
import { ksTwoSamplePValue } from '../stats/distributions.ts';
import { defineDriftTest, type NumericAggregate } from './defineDriftTest.ts';

/** Two-sample Kolmogorov–Smirnov statistic D = max |F_cur − F_ref| over the shared support. */
export function ksStatistic(a: Pick<NumericAggregate, 'cur' | 'ref'>): { d: number; nCur: number; nRef: number } {
  const nCur = a.cur.reduce((s, v) => s + v, 0);
  const nRef = a.ref.reduce((s, v) => s + v, 0);
  let fc = 0;
  let fr = 0;
  let d = 0;
  a.cur.forEach((c, i) => {
    fc += c;
    fr += a.ref[i];
    d = Math.max(d, Math.abs(fc / nCur - fr / nRef));
  });
  return { d, nCur, nRef };
}

export const ks = defineDriftTest({
  name: 'ks',
  description: 'two-sample Kolmogorov–Smirnov test (statistic D and p-value)',
  kinds: ['numeric'],
  options: z.object({}).strict(),
  effectName: 'KS statistic D',
  bands: { low: 0.1, medium: 0.2, high: 0.3 },
  compute(a) {
    const { d, nCur, nRef } = ksStatistic(a);
    return { statistic: d, pValue: nCur > 0 && nRef > 0 ? ksTwoSamplePValue(d, nCur, nRef) : 1, effect: d };
  },
});

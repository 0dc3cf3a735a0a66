import { z } from 'zod';
import { ksTwoSamplePValue } from '../stats/distributions.ts';
import { defineDriftTest } from './defineDriftTest.ts';

/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F_cur − F_ref| (the aggregate's ECDF difference, computed in DuckDB
 * on a fine grid and exact: bins holding several values are read value by value where D could lie in them), two-sided p-value as scipy.stats.ks_2samp.
 */
export const ks = defineDriftTest({
  name: 'ks',
  description: 'two-sample Kolmogorov–Smirnov test (statistic D and p-value)',
  kinds: ['numeric'],
  options: z.object({}).strict(),
  effectName: 'KS statistic D',
  bands: { low: 0.1, medium: 0.2, high: 0.3 },
  compute(a) {
    const d = a.ecdf.maxGap;
    const { n: nCur } = a.summary.cur;
    const { n: nRef } = a.summary.ref;
    return { statistic: d, pValue: nCur > 0 && nRef > 0 ? ksTwoSamplePValue(d, nCur, nRef) : 1, effect: d };
  },
});

import { z } from 'zod';
import { normalSf, normalTwoSided } from '../stats/distributions.ts';
import { cohensH, relativeChange } from '../stats/effectSize.ts';
import { defineDriftTest, type RateAggregate } from './defineDriftTest.ts';

export const rateDirection = z.enum(['increase', 'decrease', 'both']).default('increase').describe('which change is an alarm');

/**
 * Pooled two-proportion z-test of x₁/n₁ (current) against x₀/n₀ (reference):
 * z = (p₁ − p₀) / √(p̂(1−p̂)(1/n₁ + 1/n₀)), p̂ = (x₁+x₀)/(n₁+n₀). One-sided in the alarm direction.
 */
export function twoProportionZ(a: RateAggregate, direction: z.infer<typeof rateDirection>) {
  const p1 = a.cur.n > 0 ? a.cur.x / a.cur.n : 0;
  const p0 = a.ref.n > 0 ? a.ref.x / a.ref.n : 0;
  const pooled = (a.cur.x + a.ref.x) / (a.cur.n + a.ref.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.cur.n + 1 / a.ref.n));
  const z = se > 0 ? (p1 - p0) / se : 0;
  const pValue = se === 0 ? 1 : direction === 'increase' ? normalSf(z) : direction === 'decrease' ? normalSf(-z) : normalTwoSided(z);
  const diff = p1 - p0;
  return {
    statistic: z,
    pValue,
    // the absolute change in the alarm direction (a drop is no effect for an 'increase' alarm)
    effect: direction === 'increase' ? Math.max(0, diff) : direction === 'decrease' ? Math.max(0, -diff) : Math.abs(diff),
    details: {
      current_rate: p1,
      reference_rate: p0,
      absolute_change: diff,
      relative_change: relativeChange(p1, p0),
      cohens_h: cohensH(p1, p0),
      direction,
    },
  };
}

/**
 * One definition for every operational rate (error/timeout, fallback, human override, low confidence):
 * the metric names which counts of data/queries/drift/rate_counts.sql it reads.
 */
export const twoProportion = defineDriftTest({
  name: 'two_proportion',
  description: 'two-proportion z-test of a rate now vs the reference, with the absolute and relative change',
  kinds: ['rate'],
  options: z.object({ direction: rateDirection }).strict(),
  effectName: 'absolute rate change in the alarm direction',
  bands: { low: 0.02, medium: 0.05, high: 0.1 },
  compute: (a, o) => twoProportionZ(a, o.direction),
});

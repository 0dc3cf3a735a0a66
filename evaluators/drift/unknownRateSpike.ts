import { z } from 'zod';
import { pChart, spikeStart } from '../stats/pChart.ts';
import { defineDriftTest } from './defineDriftTest.ts';
import { rateDirection, twoProportionZ } from './twoProportion.ts';

/**
 * The share of "unknown" answers (the configured category values): the two-proportion test of the whole
 * window, plus a daily p-chart with limits from the reference rate that names the day the spike started.
 */
export const unknownRateSpike = defineDriftTest({
  name: 'unknown_rate_spike',
  description: "share of 'unknown' answers now vs the reference; p-chart names the day the spike started",
  kinds: ['rate'],
  options: z.object({ direction: rateDirection, sigma: z.number().positive().default(3).describe('p-chart limits: centre ± sigma·σ') }).strict(),
  effectName: 'absolute rise of the unknown share',
  bands: { low: 0.02, medium: 0.05, high: 0.1 },
  compute(a, o) {
    const base = twoProportionZ(a, o.direction);
    const centre = a.ref.n > 0 ? a.ref.x / a.ref.n : 0;
    const chart = pChart(centre, a.days.filter((d) => d.window === 'current').map((d) => ({ day: d.day, n: d.n, count: d.x })), o.sigma);
    return {
      ...base,
      details: {
        ...base.details,
        spike_start_day: spikeStart(chart),
        days_above_limit: chart.filter((d) => d.above).map((d) => d.day),
        p_chart: { centre, sigma: o.sigma },
      },
    };
  },
});

import { z } from 'zod';
import { pChart, spikeStart } from '../stats/pChart.ts';
import { defineDriftTest } from './defineDriftTest.ts';
import { rateDirection, twoProportionZ } from './twoProportion.ts';

/**
 * The share of "unknown" answers (the configured category values): the two-proportion test of the whole
 * window, plus a daily p-chart with limits from the reference rate that names the day the spike started.
 * When the chart shows a spike that lasts to the end of the window, the test is also run on the days since
 * it started, and the larger of the two effects is graded: a spike that began on Thursday is judged by
 * Thursday-to-Sunday, not diluted by the quiet days before it. Both rates are kept in details.
 */
export const unknownRateSpike = defineDriftTest({
  name: 'unknown_rate_spike',
  description: "share of 'unknown' answers now vs the reference; p-chart names the day the spike started",
  kinds: ['rate'],
  options: z.object({ direction: rateDirection, sigma: z.number().positive().default(3).describe('p-chart limits: centre ± sigma·σ') }).strict(),
  effectName: 'absolute rise of the unknown share',
  bands: { low: 0.02, medium: 0.05, high: 0.1 },
  compute(a, o) {
    const whole = twoProportionZ(a, o.direction);
    const centre = a.ref.n > 0 ? a.ref.x / a.ref.n : 0;
    const chart = pChart(centre, a.days.filter((d) => d.window === 'current').map((d) => ({ day: d.day, n: d.n, count: d.x })), o.sigma, a.ref.n);
    const start = spikeStart(chart);
    const sinceDays = start !== null ? chart.filter((d) => d.day >= start) : [];
    const sustained = sinceDays.length > 0 && sinceDays.every((d) => d.warn || d.n === 0) && sinceDays.length < chart.length;
    const since = sustained
      ? twoProportionZ({ ...a, cur: { n: sinceDays.reduce((s, d) => s + d.n, 0), x: sinceDays.reduce((s, d) => s + d.count, 0) } }, o.direction)
      : null;
    const base = since && since.effect > whole.effect ? since : whole;
    return {
      ...base,
      details: {
        ...whole.details,
        graded_on: base === whole ? 'whole window' : `days since the spike started (${start})`,
        since_start_rate: since ? since.details.current_rate : null,
        spike_start_day: start,
        days_above_limit: chart.filter((d) => d.above).map((d) => d.day),
        p_chart: { centre, sigma: o.sigma },
      },
    };
  },
});

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
  options: z
    .object({
      direction: rateDirection,
      sigma: z.number().positive().default(3).describe('p-chart limits: centre ± sigma·σ'),
      min_records_since_start: z
        .number().int().positive().default(100)
        .describe('records the days since the spike started need before they are graded on their own (else the whole window is)'),
    })
    .strict(),
  effectName: 'absolute rise of the unknown share',
  bands: { low: 0.02, medium: 0.05, high: 0.1 },
  compute(a, o) {
    const whole = twoProportionZ(a, o.direction);
    const centre = a.ref.n > 0 ? a.ref.x / a.ref.n : 0;
    const chart = pChart(centre, a.days.filter((d) => d.window === 'current').map((d) => ({ day: d.day, n: d.n, count: d.x })), o.sigma, a.ref.n);
    const start = spikeStart(chart);
    const sinceDays = start !== null ? chart.filter((d) => d.day >= start) : [];
    const sustained = sinceDays.length > 0 && sinceDays.every((d) => d.warn || d.n === 0) && sinceDays.length < chart.length;
    // A day above its limit on a small volume is a large rate by construction (6 of 35 at a 3% baseline): graded on
    // its own it paged 'high' in 2 of 20 runs of stationary data with 40 tenants of 35 requests a day. The days since
    // the start need the records a window needs; below that the whole window is graded (the p-chart still shows the day).
    const sinceRecords = sinceDays.reduce((s, d) => s + d.n, 0);
    const since = sustained && sinceRecords >= o.min_records_since_start
      ? twoProportionZ({ ...a, cur: { n: sinceRecords, x: sinceDays.reduce((s, d) => s + d.count, 0) } }, o.direction)
      : null;
    const base = since && since.effect > whole.effect ? since : whole;
    return {
      ...base,
      details: {
        ...whole.details,
        graded_on: base !== whole ? `days since the spike started (${start})`
          : sustained && since === null ? `whole window (the ${sinceRecords} records since ${start} are fewer than ${o.min_records_since_start})` : 'whole window',
        since_start_rate: since ? since.details.current_rate : null,
        spike_start_day: start,
        days_above_limit: chart.filter((d) => d.above).map((d) => d.day),
        p_chart: { centre, sigma: o.sigma },
      },
    };
  },
});

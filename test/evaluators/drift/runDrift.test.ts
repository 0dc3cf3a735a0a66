import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { driftConfig } from '../../../evaluators/drift/config.ts';
import { runDrift } from '../../../evaluators/drift/runDrift.ts';
import { Warehouse } from '../../../data/warehouse.ts';
import { insertRecords } from '../../helpers/tempWarehouse.ts';
import { generateRecords } from './generateRecords.ts';

let wh: Warehouse;
before(async () => {
  wh = await Warehouse.open(':memory:');
});
after(() => wh.close());

const WINDOW = { window_days: 7, reference_days: 28, end: '2026-11-05' };
const START = '2026-10-01'; // 35 days: 28 reference + 7 current

test('a planted unknown spike is found on its tenant × workflow, high enough to alarm, starting on the right day', async () => {
  await wh.run('DELETE FROM records');
  // t1 × wf0 answers unknown 25% of the time from day 31 (2026-11-01) on, 3% before
  await generateRecords(wh, { n: 40_000, start: START, days: 35, seed: 11, tenants: 3, workflows: 2, spike: { tenant: 't1', workflow: 'wf0', fromDay: 31, rate: 0.25 } });
  const run = await runDrift(wh, driftConfig.parse({}), WINDOW);
  const spike = run.results.filter((r) => r.test === 'unknown_rate_spike' && r.severity !== 'none' && r.severity !== 'insufficient_data');
  const seg = spike.find((r) => r.segment === 'tenant_id=t1/workflow=wf0');
  assert.ok(seg, 'the spiking tenant × workflow is flagged');
  // 25% from the 4th-last day on a ~3% baseline: graded on the days since the spike began, not diluted by the week
  assert.equal(seg.severity, 'high');
  assert.equal(seg.details.spike_start_day, '2026-11-01');
  assert.match(String(seg.details.graded_on), /since the spike started \(2026-11-01\)/);
  assert.ok(Number(seg.details.since_start_rate) > 0.2, String(seg.details.since_start_rate));
  assert.ok((seg.details.reference_rate as number) < 0.04);
  // the other tenants' segments of the same workflow are not flagged
  assert.deepEqual(spike.filter((r) => r.segment_type === 'tenant_workflow').map((r) => r.segment), ['tenant_id=t1/workflow=wf0']);
  const days = run.daily.filter((d) => d.test === 'unknown_rate_spike' && d.segment === 'tenant_id=t1/workflow=wf0' && d.period === 'current');
  assert.deepEqual(days.filter((d) => d.severity !== 'none').map((d) => d.day), ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
});

test('segments below the minimum sample size are reported as insufficient data, never as an alarm', async () => {
  await wh.run('DELETE FROM records');
  await generateRecords(wh, { n: 20_000, start: START, days: 35, seed: 12, tenants: 2, workflows: 1 });
  // a tiny tenant whose 40 requests this week are half unknown
  await insertRecords(wh, Array.from({ length: 60 }, (_, i) => ({
    id: `tiny${i}`, ts: i < 40 ? '2026-11-03T10:00:00Z' : '2026-10-10T10:00:00Z', tenant_id: 'tiny', workflow: 'wf0',
    category: i % 2 === 0 && i < 40 ? 'unknown' : 'billing', confidence: 0.9,
  })));
  const run = await runDrift(wh, driftConfig.parse({}), WINDOW);
  const tiny = run.results.filter((r) => r.segment === 'tenant_id=tiny/workflow=wf0');
  assert.ok(tiny.length > 10);
  assert.ok(tiny.every((r) => r.severity === 'insufficient_data' && r.p_value === null), 'every test of the tiny tenant');
  assert.ok(run.results.filter((r) => r.segment === 'tenant_id=t0/workflow=wf0').every((r) => r.severity !== 'insufficient_data'));
});

test("configured unknown values may include '' and missing categories", async () => {
  await wh.run('DELETE FROM records');
  await insertRecords(wh, Array.from({ length: 400 }, (_, i) => ({
    id: `u${i}`, ts: i < 200 ? '2026-10-10T10:00:00Z' : '2026-11-02T10:00:00Z',
    category: i < 200 ? (i % 20 === 0 ? 'unknown' : 'billing') : i % 4 === 0 ? '' : i % 4 === 1 ? null : 'billing',
  })));
  const cfg = driftConfig.parse({ unknown_categories: ['unknown', '', null] });
  const r = (await runDrift(wh, cfg, WINDOW)).results.find((x) => x.test === 'unknown_rate_spike' && x.segment === 'all');
  assert.equal(r?.details.reference_rate, 0.05);
  assert.equal(r?.details.current_rate, 0.5);
  assert.equal(r?.severity, 'high');
});

test('same-distribution resamples over 40 seeds: no finding with the defaults, and p-values alone stay near 5% after BH', async () => {
  let flaggedDefault = 0;
  let flaggedBh = 0;
  let flaggedRaw = 0;
  const significanceOnly = driftConfig.parse({
    large_sample_size: 1e9, // effect-only tests never graded: this measures the p-values
    thresholds: Object.fromEntries(['unknown_rate_spike', 'two_proportion', 'chi_square', 'ks'].map((t) => [t, { low: 0, medium: 2, high: 3 }])),
  });
  for (let seed = 100; seed < 140; seed++) {
    await wh.run('DELETE FROM records');
    await generateRecords(wh, { n: 4000, start: START, days: 35, seed, tenants: 2, workflows: 2 });
    const byDefault = await runDrift(wh, driftConfig.parse({}), WINDOW);
    if (byDefault.results.some((r) => ['low', 'medium', 'high'].includes(r.severity))) flaggedDefault++;
    const bh = await runDrift(wh, significanceOnly, WINDOW);
    if (bh.results.some((r) => ['low', 'medium', 'high'].includes(r.severity))) flaggedBh++;
    if (bh.results.some((r) => r.p_value !== null && r.p_value < 0.05)) flaggedRaw++;
  }
  assert.ok(flaggedDefault <= 2, `runs with a default finding: ${flaggedDefault}/40`);
  // Under the complete null BH controls the chance of any false finding at q = 5%: expect ~2 of 40.
  assert.ok(flaggedBh <= 5, `runs with a significant result after BH: ${flaggedBh}/40`);
  // without the correction almost every run has some p < 0.05 among its ~150 tests
  assert.ok(flaggedRaw >= 30, `runs with a raw p < 0.05: ${flaggedRaw}/40`);
});

test('a distance no significance test backs is no finding: six outliers in 1,200 requests move Wasserstein, not KS', async () => {
  await wh.run('DELETE FROM records');
  // the same skewed latency distribution in both windows (Park–Miller uniforms), plus six 60 s requests this week
  const u = (function* (s: number) { for (;;) yield (s = (s * 16807) % 2147483647) / 2147483647; })(5);
  const latency = () => Math.round(200 + 3000 * (u.next().value as number) * (u.next().value as number));
  const rows = [
    ...Array.from({ length: 2800 }, (_, i) => ({ id: `r${i}`, ts: new Date(Date.parse('2026-10-08T00:00:00Z') + i * 600_000).toISOString(), latency_ms: latency() })),
    ...Array.from({ length: 1200 }, (_, i) => ({ id: `c${i}`, ts: new Date(Date.parse('2026-10-29T00:00:00Z') + i * 480_000).toISOString(), latency_ms: i < 6 ? 60_000 : latency() })),
  ];
  await insertRecords(wh, rows);
  const run = await runDrift(wh, driftConfig.parse({}), WINDOW);
  const latencyAll = (test: string) => run.results.find((r) => r.segment === 'all' && r.metric === 'latency_ms' && r.test === test)!;
  assert.ok(latencyAll('wasserstein').effect! >= 0.25, `W/std ${latencyAll('wasserstein').effect}: large enough to be 'medium' by itself`);
  assert.ok(latencyAll('ks').p_adjusted! >= 0.05, `KS p_adjusted ${latencyAll('ks').p_adjusted}`);
  assert.equal(latencyAll('wasserstein').severity, 'none');
  assert.match(String(latencyAll('wasserstein').details.rule), /not corroborated/);
  assert.deepEqual(run.results.filter((r) => ['low', 'medium', 'high'].includes(r.severity)).map((r) => `${r.segment} ${r.metric} ${r.test}`), []);
});

test("each test's options come from config drift.tests: PSI bins, the Jensen–Shannon log base, the p-chart sigma", async () => {
  await wh.run('DELETE FROM records');
  await generateRecords(wh, { n: 20_000, start: START, days: 35, seed: 13, tenants: 1, workflows: 1, spike: { tenant: 't0', workflow: 'wf0', fromDay: 31, rate: 0.12 } });
  const find = (run: Awaited<ReturnType<typeof runDrift>>, test: string, metric: string) =>
    run.results.find((r) => r.test === test && r.metric === metric && r.segment === 'all')!;
  const byDefault = await runDrift(wh, driftConfig.parse({}), WINDOW);
  const tuned = await runDrift(wh, driftConfig.parse({ tests: { psi: { bins: 4 }, jensen_shannon: { base: 2 }, unknown_rate_spike: { sigma: 6 } } }), WINDOW);
  assert.equal(find(byDefault, 'psi', 'latency_ms').details.bins, 10);
  assert.equal(find(tuned, 'psi', 'latency_ms').details.bins, 4);
  // The same distributions: the distance in bits is the one in nats over sqrt(ln 2).
  const [nats, bits] = [find(byDefault, 'jensen_shannon', 'category').effect!, find(tuned, 'jensen_shannon', 'category').effect!];
  assert.ok(nats > 0);
  assert.ok(Math.abs(bits - nats / Math.sqrt(Math.LN2)) < 1e-12, `${bits} vs ${nats}`);
  // Wider p-chart limits: the daily points and the test read the same sigma.
  const upper = (run: typeof byDefault) => run.daily.find((d) => d.test === 'unknown_rate_spike' && d.segment === 'all' && d.day === '2026-11-02')!;
  const [d3, d6] = [upper(byDefault), upper(tuned)];
  assert.equal(d6.centre, d3.centre);
  assert.ok(d6.ucl > d3.ucl + 0.01, `${d6.ucl} vs ${d3.ucl}`); // exact binomial limits at these counts: wider, not simply twice as wide
  assert.equal((find(tuned, 'unknown_rate_spike', 'unknown_rate').details.p_chart as { sigma: number }).sigma, 6);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;

async function driftRun(runId: string, createdAt: string, windowStart: string, windowEnd: string): Promise<void> {
  await t.wh.run(
    `INSERT INTO drift_runs (run_id, created_at, window_start, window_end, reference_start, reference_end, unknown_categories,
       unknown_includes_null, low_confidence_threshold, min_sample_size, fdr)
     VALUES ($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS DATE), CAST($4 AS DATE), CAST($3 AS DATE) - 28, CAST($3 AS DATE), ['unknown'], false, 0.5, 100, 0.05)`,
    [runId, createdAt, windowStart, windowEnd],
  );
}

async function result(runId: string, segment: string, tenant: string | null, workflow: string, metric: string, test: string, severity: string, effect: number | null, details: object, n = 500): Promise<void> {
  await t.wh.run(
    `INSERT INTO drift_results SELECT run_id, window_start, window_end, reference_start, reference_end,
       CASE WHEN $3 IS NULL THEN 'workflow' ELSE 'tenant_workflow' END, $2, $3, $4, $5, $6, $10, $10, NULL, 0.001, 0.002, $8, 0.02, $7, $9,
       NULL, NULL
     FROM drift_runs WHERE run_id = $1`,
    [runId, segment, tenant, workflow, metric, test, severity, effect, JSON.stringify(details), n],
  );
}

before(async () => {
  t = await tempWarehouse();
  await driftRun('old', '2026-11-16T08:00:00Z', '2026-11-09', '2026-11-16'); // W46, replaced by 'rerun'
  await driftRun('rerun', '2026-11-17T08:00:00Z', '2026-11-09', '2026-11-16');
  await driftRun('rolling', '2026-11-18T08:00:00Z', '2026-11-11', '2026-11-18'); // not an ISO week: no report uses it
  for (const run of ['old', 'rerun']) {
    await result(run, 'tenant_id=a/workflow=x', 'a', 'x', 'unknown_rate', 'unknown_rate_spike', run === 'old' ? 'low' : 'high', 0.15,
      { current_rate: 0.18, reference_rate: 0.03, since_start_rate: 0.21, spike_start_day: '2026-11-12' });
  }
  await result('rerun', 'workflow=x', null, 'x', 'latency_ms', 'ks', 'medium', 0.22, { current: { p50: 900, p95: 2000 }, reference: { p50: 500, p95: 1000 } });
  await result('rerun', 'workflow=x', null, 'x', 'latency_ms', 'wasserstein', 'high', 0.6, { current: { p50: 900, p95: 2000 }, reference: { p50: 500, p95: 1000 }, bands: { low: 0.1, medium: 0.25, high: 0.5 } });
  await result('rerun', 'workflow=x', null, 'x', 'latency_ms', 'psi', 'none', 0.05, { current: { p50: 900, p95: 2000 }, reference: { p50: 500, p95: 1000 } });
  await result('rerun', 'tenant_id=b/workflow=x', 'b', 'x', 'category', 'chi_square', 'insufficient_data', null, {}, 12);
  await result('rerun', 'tenant_id=b/workflow=x', 'b', 'x', 'latency_ms', 'ks', 'insufficient_data', null, {}, 12);
  await result('rerun', 'workflow=x', null, 'x', 'confidence', 'ks', 'insufficient_data', null, {}, 0);
  await t.wh.run(
    `INSERT INTO drift_daily VALUES
      ('rerun', '2026-11-10', 'current', 'tenant_workflow', 'tenant_id=a/workflow=x', 'a', 'x', 'unknown_rate', 'unknown_rate_spike', 100, 3, 0.03, 0.03, 0, 0.081, 0, 'none', NULL, NULL),
      ('rerun', '2026-11-12', 'current', 'tenant_workflow', 'tenant_id=a/workflow=x', 'a', 'x', 'unknown_rate', 'unknown_rate_spike', 100, 20, 0.2, 0.03, 0, 0.081, 9.9, 'high', NULL, NULL),
      ('rerun', '2026-11-12', 'current', 'tenant_workflow', 'tenant_id=a/workflow=x', 'a', 'x', 'fallback_rate', 'two_proportion', 100, 9, 0.09, 0.05, 0, 0.11, 1.8, 'none', NULL, NULL),
      ('rerun', '2026-10-20', 'reference', 'tenant_workflow', 'tenant_id=a/workflow=x', 'a', 'x', 'unknown_rate', 'unknown_rate_spike', 100, 3, 0.03, 0.03, 0, 0.081, 0, 'none', NULL, NULL)`,
  );
  const recs: RecordRow[] = [];
  for (let i = 0; i < 8; i++) recs.push({ id: `r${i}`, ts: `2026-10-${12 + i}T10:00:00Z`, tenant_id: 'a', workflow: 'x', category: i < 6 ? 'billing' : 'unknown' });
  for (let i = 0; i < 4; i++) recs.push({ id: `c${i}`, ts: `2026-11-1${i}T10:00:00Z`, tenant_id: i < 3 ? 'a' : 'b', workflow: 'x', category: i < 2 ? 'unknown' : null });
  recs.push({ id: 'between', ts: '2026-11-20T10:00:00Z', tenant_id: 'a', workflow: 'x', category: 'billing' });
  await insertRecords(t.wh, recs);
});
after(() => t.cleanup());

test('drift_week_runs picks the latest run whose window is exactly the ISO week, and ignores rolling windows', async () => {
  const runs = await t.wh.all<{ week: string; run_id: string; runs_for_week: number }>('SELECT week, run_id, runs_for_week FROM drift_week_runs ORDER BY week');
  assert.deepEqual(runs, [{ week: '2026-W46', run_id: 'rerun', runs_for_week: 2 }]);
});

test('drift_week_summary gives one row per segment and metric with the worst test and the figures a reader needs', async () => {
  const rows = await t.wh.all<Record<string, unknown>>(`SELECT * FROM drift_week_summary WHERE week = '2026-W46' ORDER BY segment, metric`);
  assert.equal(rows.length, 2, 'insufficient-data rows are not in the summary');
  const latency = rows.find((r) => r.metric === 'latency_ms')!;
  assert.equal(latency.severity, 'high');
  assert.equal(latency.severity_rank, 4);
  assert.equal(latency.lead_test, 'wasserstein');
  assert.equal(latency.lead_effect, 0.6);
  assert.equal(latency.lead_high_band, 0.5);
  assert.equal(latency.kind, 'numeric');
  assert.deepEqual([latency.reference_p95, latency.current_p95], [1000, 2000]);
  assert.equal((latency.tests as unknown[]).length, 3);
  const spike = rows.find((r) => r.metric === 'unknown_rate')!;
  assert.equal(spike.severity, 'high', 'from the re-run, not the replaced run');
  assert.equal(spike.kind, 'rate');
  assert.equal(spike.spike_start_day, '2026-11-12');
  assert.deepEqual([spike.reference_rate, spike.current_rate, spike.since_start_rate], [0.03, 0.18, 0.21]);
});

test('drift_week_insufficient lists untested segments by reason', async () => {
  const rows = await t.wh.all<{ segment: string; reason: string; n_current: number; metrics: string[] }>(
    `SELECT segment, reason, n_current, metrics FROM drift_week_insufficient WHERE week = '2026-W46' ORDER BY segment`,
  );
  assert.deepEqual(rows, [
    { segment: 'tenant_id=b/workflow=x', reason: 'too few records', n_current: 12, metrics: ['category', 'latency_ms'] },
    { segment: 'workflow=x', reason: 'no values', n_current: 0, metrics: ['confidence'] },
  ]);
});

test('unknown_rate_week_daily and drift_heatmap_week carry the p-chart and the worst day per workflow', async () => {
  const chart = await t.wh.all<{ day: string; above_limit: boolean; spike_start_day: string; period: string }>(
    `SELECT day, period, above_limit, spike_start_day FROM unknown_rate_week_daily WHERE week = '2026-W46' ORDER BY day`,
  );
  assert.deepEqual(chart.map((d) => [d.day, d.period, d.above_limit]), [['2026-10-20', 'reference', false], ['2026-11-10', 'current', false], ['2026-11-12', 'current', true]]);
  assert.ok(chart.every((d) => d.spike_start_day === '2026-11-12'));
  const heat = await t.wh.all<{ day: string; severity: string; worst_metric: string }>(
    `SELECT day, severity, worst_metric FROM drift_heatmap_week WHERE week = '2026-W46' AND tenant_id = 'a' ORDER BY day`,
  );
  assert.deepEqual(heat, [{ day: '2026-11-10', severity: 'none', worst_metric: 'unknown_rate' }, { day: '2026-11-12', severity: 'high', worst_metric: 'unknown_rate' }]);
});

test('category_mix_week compares the reference window with the week, per workflow and per tenant', async () => {
  const rows = await t.wh.all<{ tenant_id: string | null; category: string; reference_requests: number; current_requests: number; reference_share: number | null; current_share: number | null }>(
    `SELECT tenant_id, category, reference_requests, current_requests, reference_share, current_share FROM category_mix_week
     WHERE week = '2026-W46' ORDER BY tenant_id NULLS FIRST, category`,
  );
  const all = rows.filter((r) => r.tenant_id === null);
  assert.deepEqual(all.map((r) => [r.category, r.reference_requests, r.current_requests]), [['(null)', 0, 2], ['billing', 6, 0], ['unknown', 2, 2]]);
  assert.equal(all.find((r) => r.category === 'unknown')?.current_share, 0.5);
  assert.equal(all.find((r) => r.category === 'unknown')?.reference_share, 0.25);
  const b = rows.filter((r) => r.tenant_id === 'b');
  assert.deepEqual(b.map((r) => [r.category, r.current_requests, r.reference_share]), [['(null)', 1, null]]);
});

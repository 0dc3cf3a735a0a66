import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  const rows: RecordRow[] = [];
  // 2026-W45 (Mon 2 Nov): tenant a, workflow x: latencies 100..400, one error of four.
  [100, 200, 300, 400].forEach((ms, i) =>
    rows.push({ id: `p${i}`, ts: `2026-11-0${3 + i}T10:00:00Z`, tenant_id: 'a', workflow: 'x', latency_ms: ms, status: i === 0 ? 'error' : 'ok', sample_rate: 0.5 }),
  );
  // 2026-W46 (Mon 9 Nov): a/x latencies doubled, no error, one unknown; b/x one fallback; b/y only this week.
  [200, 400, 600, 800].forEach((ms, i) =>
    rows.push({ id: `c${i}`, ts: `2026-11-1${i}T10:00:00Z`, tenant_id: 'a', workflow: 'x', latency_ms: ms, category: i === 3 ? 'unknown' : 'billing', sample_rate: 0.5 }),
  );
  rows.push({ id: 'b1', ts: '2026-11-12T10:00:00Z', tenant_id: 'b', workflow: 'x', latency_ms: 1000, fallback: true });
  rows.push({ id: 'b2', ts: '2026-11-15T23:59:59Z', tenant_id: 'b', workflow: 'y', latency_ms: 50, human_override: true });
  rows.push({ id: 'n1', ts: '2026-11-16T00:00:00Z', tenant_id: 'a', workflow: 'x', latency_ms: 1 }); // Monday of W47
  await insertRecords(t.wh, rows);
});
after(() => t.cleanup());

const row = (week: string, tenant: string | null, workflow: string | null) =>
  t.wh.one<Record<string, number | string | null>>(
    `SELECT * FROM workflow_week_over_week WHERE week = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND workflow IS NOT DISTINCT FROM $3`,
    [week, tenant, workflow],
  );

test('workflow_week_over_week puts a tenant × workflow week beside the week before, with relative and absolute changes', async () => {
  const r = await row('2026-W46', 'a', 'x');
  assert.ok(r);
  assert.equal(r.prev_week, '2026-W45');
  assert.equal(r.week_start, '2026-11-09');
  assert.equal(r.requests, 4);
  assert.equal(r.est_requests, 8, 'scaled by 1/sample_rate');
  assert.equal(r.effective_sample_rate, 0.5);
  assert.equal(r.latency_p50_ms, 500);
  assert.equal(r.prev_latency_p50_ms, 250);
  assert.equal(r.latency_p50_change, 1);
  assert.ok(Math.abs(Number(r.latency_p95_ms) - 770) < 1e-9, 'p95 of 200..800 interpolated');
  assert.ok(Math.abs(Number(r.latency_p95_change) - 1) < 1e-9);
  assert.equal(r.error_rate, 0);
  assert.equal(r.prev_error_rate, 0.25);
  assert.equal(r.error_rate_change, -0.25);
  assert.equal(r.unknown_rate_change, 0.25);
  assert.equal(r.est_requests_change, 0);
  // pooled p = 1/8: z = (0 − 0.25) / sqrt(0.125 · 0.875 · (1/4 + 1/4))
  assert.ok(Math.abs(Number(r.error_rate_change_z) - -0.25 / Math.sqrt(0.125 * 0.875 * 0.5)) < 1e-12);
  assert.equal(r.fallback_rate_change_z, null, 'no fallback in either week: no z');
});

test('tenant_id NULL rows cover every tenant and workflow NULL rows every workflow; a new workflow has no previous week', async () => {
  const all = await row('2026-W46', null, 'x');
  assert.equal(all?.requests, 5);
  assert.equal(all?.est_requests, 9);
  assert.equal(all?.latency_p50_ms, 600, 'the median of the pooled records, not of tenant medians');
  assert.equal(all?.fallback_rate, 1 / 9, "the traffic's share: b's one fallback of 9 estimated requests (a's 4 records stand for 8)");
  const tenantB = await row('2026-W46', 'b', null);
  assert.equal(tenantB?.requests, 2);
  assert.equal(tenantB?.human_override_rate, 0.5);
  const total = await row('2026-W46', null, null);
  assert.equal(total?.requests, 6);
  const fresh = await row('2026-W46', 'b', 'y');
  assert.equal(fresh?.prev_requests, null);
  assert.equal(fresh?.latency_p95_change, null);
  const plain = await t.wh.all(`SELECT * FROM workflow_week ORDER BY week, tenant_id, workflow`);
  assert.deepEqual(plain.map((r) => `${r.week} ${r.tenant_id} ${r.workflow} ${r.requests}`), ['2026-W45 a x 4', '2026-W46 a x 4', '2026-W46 b x 1', '2026-W46 b y 1', '2026-W47 a x 1']);
  const w47 = await row('2026-W47', 'a', 'x');
  assert.equal(w47?.requests, 1, 'Monday 00:00 UTC belongs to the new week');
  assert.equal(w47?.prev_requests, 4);
});

test('a tenant or workflow with records one week and none the next has a row of 0 requests (-100%) that week, up to the last week with records', async () => {
  // tenant b had records in W46 (workflows x and y) and none in W47, the last week with records
  for (const [tenant, workflow] of [['b', 'x'], ['b', 'y'], ['b', null], [null, 'y']] as const) {
    const r = await row('2026-W47', tenant, workflow);
    assert.ok(r, `${tenant} ${workflow}`);
    assert.deepEqual(
      [r.requests, r.est_requests, r.est_requests_change, r.latency_p95_ms, r.error_rate, r.error_rate_change, r.effective_sample_rate],
      [0, 0, -1, null, null, null, null],
      `${tenant} ${workflow}`,
    );
    assert.ok(Number(r.prev_requests) >= 1);
  }
  // a/x goes on in W47: its own row; nothing for the week after the last one with records
  assert.equal((await row('2026-W47', 'a', 'x'))?.requests, 1);
  assert.equal(await row('2026-W48', 'a', 'x'), undefined);
  // workflow_week keeps the weeks with records only
  assert.deepEqual(await t.wh.all(`SELECT count(*) AS n FROM workflow_week WHERE week = '2026-W47' AND tenant_id = 'b'`), [{ n: 0 }]);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { silenceKey } from '../../../reports/alerts/evaluate.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';
import { storeDriftRun } from './driftFixture.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
});
after(() => t.cleanup());

type Test = [test: string, severity: 'none' | 'low' | 'medium' | 'high', effect: number, threshold: number];

/** A drift run whose latency of workflow `route` was graded by these tests (one numeric shift moves them all). */
async function latencyRun(runId: string, tests: Test[], workflow = 'route') {
  await storeDriftRun(t.wh, runId, []);
  for (const [name, severity, effect, threshold] of tests) {
    await t.wh.run(
      `INSERT INTO drift_results (run_id, window_start, window_end, reference_start, reference_end, segment_type, segment, workflow,
         metric, test, n_current, n_reference, p_value, p_adjusted, effect, threshold, severity, details)
       VALUES ($1, '2026-11-09', '2026-11-16', '2026-10-12', '2026-11-09', 'workflow', 'workflow=' || $6, $6, 'latency_ms', $2, 2000, 8000,
         0.0001, 0.001, $3, $4, $5, json_object('reference', json_object('p50', 900, 'p95', 4870), 'current', json_object('p50', 1200, 'p95', 6950)))`,
      [runId, name, effect, threshold, severity, workflow],
    );
  }
}

const run = async (raw: unknown = {}) => (await runJob('alerts', {}, { wh: t.wh, config: parseConfig(raw, '(test)') })).result.counts!;
const active = () => t.wh.all<{ alert_key: string; severity: string; message: string; fired_at: string }>(
  "SELECT alert_key, severity, message, CAST(fired_at AS VARCHAR) AS fired_at FROM alerts_active WHERE rule = 'drift' ORDER BY alert_key");

test('one latency shift flagged by KS, PSI and Wasserstein is one alert, led by the test furthest past its band, naming the others', async () => {
  await latencyRun('d1', [['ks', 'high', 0.35, 0.1], ['psi', 'medium', 0.3, 0.1], ['wasserstein', 'high', 0.9, 0.1]]);
  const first = await run();
  assert.deepEqual({ fired: first.fired, active: first.active }, { fired: 1, active: 1 });
  assert.deepEqual((await active()).map(({ fired_at: _, ...a }) => a), [{
    alert_key: 'workflow=route|latency_ms', severity: 'high',
    message: 'latency (ms) p95 4,870 → 6,950, p50 900 → 1,200 (wasserstein 0.9, 2026-11-09 … 2026-11-15 vs 2026-10-12 … 2026-11-08; also ks 0.35 high, psi 0.3 medium)',
  }]);
  const evidence = await t.wh.all(String((await t.wh.one<{ evidence: string }>('SELECT evidence FROM alerts_active'))?.evidence));
  assert.deepEqual(evidence.map((r) => r.test), ['ks', 'wasserstein', 'psi'], 'the evidence shows every test of the metric, most severe first');

  // The lead moves to KS (Wasserstein no longer graded): the same alert, still high, nothing new to notify.
  await latencyRun('d2', [['ks', 'high', 0.35, 0.1], ['psi', 'medium', 0.3, 0.1], ['wasserstein', 'none', 0.05, 0.1]]);
  const moved = await run();
  assert.deepEqual({ fired: moved.fired, resolved: moved.resolved, active: moved.active }, { fired: 0, resolved: 0, active: 1 });
  // A lower min_severity does not split it either; every test clear: it resolves, once.
  await latencyRun('d3', [['ks', 'none', 0.02, 0.1], ['psi', 'none', 0.01, 0.1], ['wasserstein', 'none', 0.05, 0.1]]);
  const cleared = await run({ alerts: { rules: { drift: { min_severity: 'low' } } } });
  assert.deepEqual({ fired: cleared.fired, resolved: cleared.resolved, active: cleared.active }, { fired: 0, resolved: 1, active: 0 });
});

test('migration 067 carries per-test alerts firing under the old keys over to their segment × metric alert: no new notification, one resolution', async () => {
  // As alerts runs before the change left them: KS (medium, then high) and PSI medium firing for route's latency, Wasserstein
  // for it fired and resolved earlier; the unknown rate of triage fired, resolved, and fires again.
  const old = [
    ['workflow=route|latency_ms|wasserstein', 'firing', 'high', '2026-11-01 08:00:00+00'],
    ['workflow=route|latency_ms|wasserstein', 'resolved', 'high', '2026-11-02 08:00:00+00'],
    ['workflow=route|latency_ms|ks', 'firing', 'medium', '2026-11-10 08:00:00+00'],
    ['workflow=route|latency_ms|ks', 'firing', 'high', '2026-11-11 08:00:00+00'],
    ['workflow=route|latency_ms|psi', 'firing', 'medium', '2026-11-11 09:00:00+00'],
    ['workflow=triage|unknown_rate|unknown_rate_spike', 'firing', 'high', '2026-11-03 08:00:00+00'],
    ['workflow=triage|unknown_rate|unknown_rate_spike', 'resolved', 'high', '2026-11-04 08:00:00+00'],
    ['workflow=triage|unknown_rate|unknown_rate_spike', 'firing', 'high', '2026-11-12 08:00:00+00'],
  ];
  await t.wh.run('DELETE FROM alert_deliveries; DELETE FROM alert_events');
  for (const [key, state, severity, at] of old) {
    await t.wh.run(
      `INSERT INTO alert_events (run_id, rule, alert_key, state, severity, subject, message, evidence, source_view, event_at, data_week)
       VALUES ('old-run', 'drift', $1, $2, $3, 'route (all tenants)', $1 || ' ' || $3, NULL, 'drift_latest', CAST($4 AS TIMESTAMPTZ), '2026-W46')`,
      [key, state, severity, at],
    );
  }
  await t.wh.run(readFileSync(new URL('../../../data/migrations/067-drift-alert-per-metric.sql', import.meta.url), 'utf8'));
  const firing = await active();
  assert.deepEqual(firing.map((a) => [a.alert_key, a.severity, a.fired_at.slice(0, 16)]), [
    ['workflow=route|latency_ms', 'high', '2026-11-10 08:00'], // since KS first fired, at its highest severity
    ['workflow=triage|unknown_rate', 'high', '2026-11-12 08:00'],
  ]);

  // The findings still hold: the next alerts run notifies nothing.
  await latencyRun('d4', [['ks', 'high', 0.35, 0.1], ['psi', 'medium', 0.3, 0.1]]);
  await t.wh.run(
    `INSERT INTO drift_results (run_id, window_start, window_end, reference_start, reference_end, segment_type, segment, workflow, metric, test,
       n_current, n_reference, p_value, p_adjusted, effect, threshold, severity, details)
     VALUES ('d4', '2026-11-09', '2026-11-16', '2026-10-12', '2026-11-09', 'workflow', 'workflow=triage', 'triage', 'unknown_rate', 'unknown_rate_spike',
       1000, 4000, 0.0001, 0.001, 0.1, 0.02, 'high', json_object('reference_rate', 0.03, 'current_rate', 0.13))`,
  );
  const next = await run();
  assert.deepEqual({ fired: next.fired, resolved: next.resolved, active: next.active }, { fired: 0, resolved: 0, active: 2 });

  // Route's latency clears: one resolution, of the alert as it fired at its highest; no old key is left firing.
  await latencyRun('d5', [['ks', 'none', 0.02, 0.1]]);
  await t.wh.run(`UPDATE drift_results SET run_id = 'd5' WHERE run_id = 'd4' AND workflow = 'triage'`);
  const cleared = await run();
  assert.deepEqual({ fired: cleared.fired, resolved: cleared.resolved, active: cleared.active }, { fired: 0, resolved: 1, active: 1 });
  const resolved = await t.wh.one<{ alert_key: string; severity: string; message: string }>("SELECT alert_key, severity, message FROM alert_events WHERE state = 'resolved' AND run_id <> 'old-run'");
  assert.deepEqual(resolved, { alert_key: 'workflow=route|latency_ms', severity: 'high', message: 'workflow=route|latency_ms|ks high' });
});

test("a silence written for an old per-test drift key silences its segment × metric alert", async () => {
  await latencyRun('d6', [['ks', 'high', 0.35, 0.1], ['wasserstein', 'high', 0.9, 0.1]], 'checkout');
  const c = await run({ alerts: { silences: [{ rule: 'drift', alert_key: 'workflow=checkout|latency_ms|ks', until: '2099-01-01', reason: 'INC-7' }] } });
  assert.deepEqual({ fired: c.fired, silenced: c.silenced }, { fired: 1, silenced: 1 });
  const a = await t.wh.one<{ silence_reason: string }>("SELECT silence_reason FROM alerts_active WHERE alert_key = 'workflow=checkout|latency_ms'");
  assert.equal(a?.silence_reason, 'INC-7');
});

test('silenceKey: old drift keys and prefixes past the metric become the segment × metric key; other keys stay', () => {
  const cases: [string | undefined, string, string][] = [
    ['drift', 'workflow=a|latency_ms|ks', 'workflow=a|latency_ms'],
    [undefined, 'workflow=a|latency_ms|ks', 'workflow=a|latency_ms'],
    ['drift', 'workflow=a|latency_ms|*', 'workflow=a|latency_ms'],
    ['drift', 'tenant_id=acme/*', 'tenant_id=acme/*'],
    ['drift', 'workflow=a|latency_ms', 'workflow=a|latency_ms'],
    [undefined, 'workflow=a|b|2026-11', 'workflow=a|b|2026-11'], // a budget of workflow 'a|b'
    ['budget', 'workflow=a|latency_ms|ks', 'workflow=a|latency_ms|ks'],
  ];
  for (const [rule, key, expected] of cases) assert.equal(silenceKey(rule, key), expected, `${rule} ${key}`);
});

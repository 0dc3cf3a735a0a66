import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { weekOf } from '../../../reports/isoWeek.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';
import { storeDriftRun } from './driftFixture.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
});
after(() => t.cleanup());

const run = async (raw: unknown = {}) => (await runJob('alerts', {}, { wh: t.wh, config: parseConfig(raw, '(test)') })).result.counts!;
const events = (runId?: string) =>
  t.wh.all<{ state: string; severity: string; alert_key: string; subject: string; message: string }>(
    `SELECT state, severity, alert_key, subject, message FROM alert_events ${runId ? 'WHERE run_id = $1' : ''} ORDER BY event_id`,
    runId ? [runId] : undefined,
  );

test('an alert fires once, stays quiet while it keeps firing, and resolves when the condition clears', async () => {
  await storeDriftRun(t.wh, 'drift-1', [
    { tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.187 },
    { tenant: 'globex', workflow: 'draft_reply', severity: 'medium', reference_rate: 0.03, current_rate: 0.08 },
  ]);
  const first = await run();
  assert.deepEqual({ fired: first.fired, resolved: first.resolved, active: first.active }, { fired: 1, resolved: 0, active: 1 }, 'medium is below the default min_severity high');
  const [e] = await events();
  assert.equal(e.state, 'firing');
  assert.equal(e.subject, 'acme · support_triage');
  assert.match(e.message, /^unknown rate 2\.9% → 18\.7% \(unknown rate spike/);
  assert.equal(e.alert_key, 'tenant_id=acme/workflow=support_triage|unknown_rate');
  const deliveries = await t.wh.all<{ channel: string; status: string; last_error: string }>('SELECT channel, status, last_error FROM alert_deliveries');
  assert.deepEqual(deliveries, [{ channel: '(none)', status: 'skipped', last_error: 'no alert channel is configured (alerts.channels)' }]);

  // A later drift run still finds it: no new event, nothing to notify.
  await storeDriftRun(t.wh, 'drift-2', [{ tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.2 }]);
  const second = await run();
  assert.deepEqual({ fired: second.fired, resolved: second.resolved, active: second.active }, { fired: 0, resolved: 0, active: 1 });
  assert.equal((await events()).length, 1);

  // The latest drift run no longer finds it: resolved, once.
  await storeDriftRun(t.wh, 'drift-3', [{ tenant: 'acme', workflow: 'support_triage', severity: 'none', reference_rate: 0.029, current_rate: 0.03 }]);
  const third = await run();
  assert.deepEqual({ fired: third.fired, resolved: third.resolved, active: third.active }, { fired: 0, resolved: 1, active: 0 });
  const all = await events();
  assert.deepEqual(all.map((x) => x.state), ['firing', 'resolved']);
  assert.equal(all[1].message, all[0].message, 'a resolution says what had fired');
  // Both are about the drift runs' window (2026-11-09 … 15, W46), not the week the alerts job ran in, so the W46
  // report lists them; the day they were seen stays today.
  const weeks = await t.wh.all<{ week: string; day: string }>(`SELECT week, CAST(day AS VARCHAR) AS day FROM alert_events_week ORDER BY event_id`);
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(weeks, [{ week: '2026-W46', day: today }, { week: '2026-W46', day: today }]);
  assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM alerts_active'))?.n, 0);

  // It can fire again later: a new firing with its own start.
  await storeDriftRun(t.wh, 'drift-4', [{ tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.25 }]);
  assert.equal((await run()).fired, 1);
  const active = await t.wh.all<{ fired_at: string; last_event_id: number }>('SELECT fired_at, last_event_id FROM alerts_active');
  assert.equal(active.length, 1);
  assert.equal(active[0].last_event_id, (await t.wh.one<{ id: number }>('SELECT max(event_id) AS id FROM alert_events'))?.id);
});

test('a severity rise while firing escalates (fires again); thresholds and disabled rules come from the config', async () => {
  const low = { alerts: { rules: { drift: { min_severity: 'low' } } } };
  await storeDriftRun(t.wh, 'drift-5', [
    { tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.25 },
    { tenant: 'initech', workflow: 'triage', severity: 'medium', reference_rate: 0.03, current_rate: 0.08 },
  ]);
  const c = await run(low);
  assert.deepEqual({ fired: c.fired, active: c.active }, { fired: 1, active: 2 }, 'initech fires at medium under min_severity low');
  await storeDriftRun(t.wh, 'drift-6', [
    { tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.25 },
    { tenant: 'initech', workflow: 'triage', severity: 'high', reference_rate: 0.03, current_rate: 0.2 },
  ]);
  const up = await run(low);
  assert.deepEqual({ fired: up.fired, resolved: up.resolved, active: up.active }, { fired: 1, resolved: 0, active: 2 });
  const last = (await events()).at(-1)!;
  assert.deepEqual([last.state, last.severity, last.subject], ['firing', 'high', 'initech · triage']);
  // Back to the default threshold, initech stays (it is high now); disabling the rule resolves both.
  const off = await run({ alerts: { rules: { drift: { enabled: false } } } });
  assert.deepEqual({ fired: off.fired, resolved: off.resolved, active: off.active }, { fired: 0, resolved: 2, active: 0 });
  // A disabled rule looked at no data: its resolutions are dated by the week they were seen in.
  const resolved = await t.wh.all<{ state: string; week: string }>(`SELECT state, week FROM alert_events_week ORDER BY event_id DESC LIMIT 2`);
  const thisWeek = weekOf(new Date().toISOString().slice(0, 10)).week;
  assert.deepEqual(resolved, [{ state: 'resolved', week: thisWeek }, { state: 'resolved', week: thisWeek }]);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import type { ReportJson } from '../../../reports/reportJson.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';
import { storeDriftRun } from './driftFixture.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  // Two weeks of traffic for one tenant; from 2026-11-09 part of it runs on a fine-tuned model with no price.
  await insertRecords(t.wh, Array.from({ length: 400 }, (_, i) => ({
    id: `r${i}`, ts: new Date(Date.parse('2026-11-02T00:00:00Z') + i * 3_000_000).toISOString(), tenant_id: 'acme', workflow: 'triage',
    model: i >= 200 && i % 4 === 0 ? 'acme-ft-v1' : 'gpt-4o-2024-08-06', input_tokens: 20_000, output_tokens: 2_000,
  })));
});
after(() => t.cleanup());

const costThenAlerts = async (raw: Record<string, unknown>) => {
  const config = parseConfig(raw, '(test)');
  await runJob('cost', {}, { wh: t.wh, config });
  return (await runJob('alerts', {}, { wh: t.wh, config })).result.counts!;
};
const firing = () => t.wh.all<{ rule: string; alert_key: string; severity: string; subject: string; message: string; tenant_id: string | null }>('SELECT rule, alert_key, severity, subject, message, tenant_id FROM alerts_active ORDER BY rule');

test('a budget over its amount and a model without a price fire, with figures from budget_alerts and unpriced_model_alerts', async () => {
  const counts = await costThenAlerts({ cost: { budgets: { tenants: { acme: 5 } } } });
  assert.equal(counts.fired, 2);
  const [budget, unpriced] = await firing();
  const b = await t.wh.one<{ mtd_est_cost_usd: number; budget_usd: number; month: string }>(`SELECT mtd_est_cost_usd, budget_usd, month FROM budget_alerts WHERE scope_id = 'acme'`);
  assert.ok(b && b.mtd_est_cost_usd > b.budget_usd);
  assert.deepEqual([budget.rule, budget.alert_key, budget.severity, budget.subject], ['budget', `tenant=acme|${b.month}`, 'high', 'tenant acme']);
  assert.ok(budget.message.startsWith(`over budget: $${b.mtd_est_cost_usd.toFixed(2)} spent of $5.00`), budget.message);
  // A tenant's budget is that tenant's alert; a model's requests span tenants.
  assert.deepEqual([budget.tenant_id, unpriced.tenant_id], ['acme', null]);
  const u = await t.wh.one<{ requests: number; week: string }>(`SELECT requests, week FROM unpriced_model_alerts WHERE model = 'acme-ft-v1' ORDER BY week DESC LIMIT 1`);
  assert.deepEqual([unpriced.rule, unpriced.alert_key, unpriced.severity, unpriced.subject], ['unpriced_model', 'acme-ft-v1', 'medium', 'model acme-ft-v1']);
  assert.ok(unpriced.message.startsWith(`${u!.requests} sampled requests`) && unpriced.message.includes(u!.week), unpriced.message);
});

test('raising the budget resolves the budget alert; disabling a rule resolves its alerts', async () => {
  const raised = await costThenAlerts({ cost: { budgets: { tenants: { acme: 100_000 } } } });
  assert.deepEqual({ fired: raised.fired, resolved: raised.resolved, active: raised.active }, { fired: 0, resolved: 1, active: 1 });
  assert.deepEqual((await firing()).map((f) => f.rule), ['unpriced_model']);
  const off = await costThenAlerts({ cost: { budgets: { tenants: { acme: 100_000 } } }, alerts: { rules: { unpriced_model: { enabled: false } } } });
  assert.deepEqual({ resolved: off.resolved, active: off.active }, { resolved: 1, active: 0 });
  const states = await t.wh.all<{ rule: string; state: string }>('SELECT rule, state FROM alert_events ORDER BY event_id');
  assert.deepEqual(states.map((s) => `${s.rule}:${s.state}`).sort(), ['budget:firing', 'budget:resolved', 'unpriced_model:firing', 'unpriced_model:resolved']);
});

test('migration 061 fills the tenant of events stored before alert_events had one: a tenant budget, a tenant × workflow drift segment', async () => {
  await storeDriftRun(t.wh, 'drift-061', [{ tenant: 'ac/me', workflow: 'tri/age', severity: 'high', reference_rate: 0.02, current_rate: 0.2 }]);
  await costThenAlerts({ cost: { budgets: { tenants: { acme: 5 }, workflows: { triage: 1 } } } });
  const now = () => t.wh.all<{ rule: string; alert_key: string; tenant_id: string | null }>('SELECT rule, alert_key, tenant_id FROM alert_events ORDER BY event_id');
  const written = await now();
  assert.deepEqual(
    written.filter((e) => e.tenant_id !== null).map((e) => `${e.rule}:${e.tenant_id}`).sort(),
    ['budget:acme', 'budget:acme', 'budget:acme', 'drift:ac/me'], // acme's budget fired, resolved and fired again in this file's tests
  );
  assert.ok(written.some((e) => e.rule === 'budget' && e.alert_key.startsWith('workflow=triage|') && e.tenant_id === null));
  await t.wh.run('UPDATE alert_events SET tenant_id = NULL');
  const migration = readFileSync(new URL('../../../data/migrations/061-alert-tenant.sql', import.meta.url), 'utf8');
  await t.wh.run(migration.replace(/^ALTER TABLE .*$/m, ''));
  assert.deepEqual(await now(), written);
});

test('a $0 budget alerts high on any spend, saying what was spent (no share of nothing), and the report marks it red; unspent, it stays quiet', async () => {
  await costThenAlerts({}); // no budgets: every budget alert of the tests above resolves
  const counts = await costThenAlerts({ cost: { budgets: { tenants: { acme: 0, nobody: 0 } } } });
  assert.equal(counts.fired, 1);
  const [budget] = (await firing()).filter((f) => f.rule === 'budget');
  const b = await t.wh.one<{ mtd_est_cost_usd: number; forecast_weekday_usd: number; month: string; day: string; over_budget: boolean; burn_ratio: number | null }>(
    `SELECT mtd_est_cost_usd, forecast_weekday_usd, month, CAST(day AS VARCHAR) AS day, over_budget, burn_ratio FROM budget_alerts WHERE scope_id = 'acme'`,
  );
  assert.ok(b && b.mtd_est_cost_usd > 0);
  assert.deepEqual([b.over_budget, b.burn_ratio], [true, null]);
  assert.deepEqual([budget.alert_key, budget.severity, budget.subject], [`tenant=acme|${b.month}`, 'high', 'tenant acme']);
  assert.equal(budget.message, `over budget: $${b.mtd_est_cost_usd.toFixed(2)} spent of a $0 budget in ${b.month} by ${b.day}, forecast $${b.forecast_weekday_usd.toFixed(2)}`);
  assert.equal((await t.wh.one<{ n: number }>(`SELECT count(*) AS n FROM budget_alerts WHERE scope_id = 'nobody'`))?.n, 0, 'a $0 budget nobody spends against is no alert');

  const out = join(t.dir, 'reports');
  await runJob('report', { week: '2026-W46', out }, { wh: t.wh, config: parseConfig({ cost: { budgets: { tenants: { acme: 0 } } } }, '(test)') });
  const json = JSON.parse(readFileSync(join(out, '2026-W46', 'report.json'), 'utf8')) as ReportJson;
  const red = json.verdict.red.flatMap((s) => s.statements);
  assert.ok(red.some((s) => s.startsWith(`${b.month} budget $0.00: $`) && s.endsWith('(no spend budgeted)')), JSON.stringify(red));
});

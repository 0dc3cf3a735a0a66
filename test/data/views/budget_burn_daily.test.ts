import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * A known series from Saturday 2026-10-03 to Sunday 2026-11-08: tenant acme spends $3 on weekdays and $0.50 at
 * weekends (plus a one-off $100 on Monday 2026-10-05, more than 28 days before 2026-11-08); tenant globex $1 every
 * day on the same workflow. Model X costs 1 USD per million input tokens, so input_tokens = cost × 1e6.
 */
let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  writeFileSync(join(t.dir, 'prices.csv'), 'model,input_mtok,output_mtok\nX,1,0\n');
  const rows: RecordRow[] = [];
  for (let d = Date.UTC(2026, 9, 3); d <= Date.UTC(2026, 10, 8); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(d).getUTCDay());
    const acme = (weekend ? 0.5 : 3) + (day === '2026-10-05' ? 100 : 0);
    rows.push({ id: `acme-${day}`, ts: `${day}T12:00:00Z`, tenant_id: 'acme', workflow: 'wf', model: 'X', input_tokens: acme * 1e6 });
    rows.push({ id: `globex-${day}`, ts: `${day}T13:00:00Z`, tenant_id: 'globex', workflow: 'wf', model: 'X', input_tokens: 1e6 });
  }
  await insertRecords(t.wh, rows);
  const config = parseConfig({ cost: { prices_file: 'prices.csv', budgets: { tenants: { acme: 100 }, workflows: { wf: 50 } } } }, '(test)');
  await runJob('cost', {}, { wh: t.wh, config, baseDir: t.dir });
});
after(() => t.cleanup());

interface Burn {
  mtd_est_cost_usd: number;
  forecast_linear_usd: number;
  forecast_weekday_usd: number;
  burn_ratio: number;
  forecast_burn_ratio: number;
  days_left: number;
  days_counted: number;
  partial_month: boolean;
}
const burn = async (scope: string, id: string, day: string) =>
  (await t.wh.one<Burn>('SELECT * FROM budget_burn_daily WHERE scope = $1 AND scope_id = $2 AND day = $3', [scope, id, day]))!;
const near = (a: number, b: number, msg: string) => assert.ok(Math.abs(a - b) < 1e-9, `${msg}: ${a} vs ${b}`);

test('on Sunday 2026-11-08: month to date, the linear and the weekday-aware forecasts, and the burn ratios', async () => {
  // Nov 1 (Sun) 0.5 + Nov 2–6 5 × 3 + Nov 7–8 2 × 0.5 = 16.5; 22 days left: 16 weekdays, 6 weekend days
  const a = await burn('tenant', 'acme', '2026-11-08');
  near(a.mtd_est_cost_usd, 16.5, 'mtd');
  assert.deepEqual([a.days_counted, a.days_left, a.partial_month], [8, 22, false]);
  near(a.forecast_linear_usd, 16.5 + (16.5 / 8) * 22, 'linear');
  near(a.forecast_weekday_usd, 16.5 + 16 * 3 + 6 * 0.5, 'weekday-aware (the 2026-10-05 spike is outside the 28 days)');
  near(a.burn_ratio, 0.165, 'burn');
  near(a.forecast_burn_ratio, 0.675, 'forecast burn');
  // the workflow budget covers both tenants: + $1 a day
  const w = await burn('workflow', 'wf', '2026-11-08');
  near(w.mtd_est_cost_usd, 24.5, 'workflow mtd');
  near(w.forecast_weekday_usd, 24.5 + 16 * 4 + 6 * 1.5, 'workflow weekday-aware');
  near(w.forecast_linear_usd, 24.5 + (24.5 / 8) * 22, 'workflow linear');
});

test('the first day of data forecasts from what it has; a month the data starts late is marked partial', async () => {
  const first = await burn('tenant', 'acme', '2026-10-03');
  near(first.mtd_est_cost_usd, 0.5, 'mtd');
  near(first.forecast_linear_usd, 0.5 + 0.5 * 28, 'linear');
  near(first.forecast_weekday_usd, 0.5 + 0.5 * 28, 'no weekday seen yet falls back to the daily average');
  const end = await burn('tenant', 'acme', '2026-10-31');
  assert.deepEqual([end.days_counted, end.days_left, end.partial_month], [29, 0, true]);
  near(end.forecast_weekday_usd, end.mtd_est_cost_usd, 'on the last day the forecast is what was spent');
  const days = await t.wh.one<{ n: number }>(`SELECT count(*) AS n FROM budget_burn_daily WHERE scope = 'tenant'`);
  assert.equal(days?.n, 37, 'one row per day of coverage, 2026-10-03 … 2026-11-08');
});

test('budgets reach SQL from config, replacing the previous set, and a forecast over budget raises a budget alert', async () => {
  const alerts = await t.wh.all<{ scope_id: string; message: string }>(`SELECT scope_id, message FROM budget_alerts WHERE month = '2026-11'`);
  assert.deepEqual(alerts.map((a) => a.message), ['workflow wf: forecast 195% of $50 for 2026-11']);
  await runJob('cost', {}, { wh: t.wh, config: parseConfig({ cost: { prices_file: 'prices.csv', budgets: { tenants: { globex: 10 } } } }, '(test)'), baseDir: t.dir });
  const stored = await t.wh.all('SELECT scope, scope_id, monthly_budget_usd FROM cost_budgets');
  assert.deepEqual(stored, [{ scope: 'tenant', scope_id: 'globex', monthly_budget_usd: 10 }]);
  const over = await t.wh.all<{ message: string }>(`SELECT message FROM budget_alerts WHERE month = '2026-10'`);
  assert.deepEqual(over.map((a) => a.message), ['tenant globex: over budget 290% of $10 for 2026-10']);
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

/** The demo chain (ingest → cost → drift) on a small scale: the planted cost events show up where a team lead looks. */
let t: TempWarehouse;
let week: string;
before(async () => {
  t = await tempWarehouse();
  const r = await runJob<{ output: { week: string } }>('demo', { out: join(t.dir, 'demo'), end: '2026-11-16', weeks: 5, scale: 0.15 }, { wh: t.wh, config: t.config, baseDir: t.dir });
  week = r.result.output.week;
});
after(() => t.cleanup());

test('the demo runs the cost job after ingest and before drift', async () => {
  const jobs = await t.wh.all<{ job: string; status: string }>(`SELECT job, status FROM job_runs WHERE job <> 'demo' ORDER BY started_at`);
  assert.deepEqual(jobs.map((j) => `${j.job}:${j.status}`), ['ingest:succeeded', 'cost:succeeded', 'drift:succeeded', 'alerts:succeeded', 'report:succeeded']);
  assert.equal(week, '2026-W46');
});

test("globex's move of summarize_ticket to gpt-4o with longer inputs is explained as model mix first, then tokens per request", async () => {
  const c = await t.wh.one<{ delta_usd: number; volume_effect_usd: number; mix_effect_usd: number; tokens_effect_usd: number; price_effect_usd: number }>(
    `SELECT * FROM cost_change_week WHERE week = $1 AND scope = 'tenant' AND scope_id = 'globex'`, [week],
  );
  assert.ok(c && c.delta_usd > 0);
  assert.ok(c.mix_effect_usd > 0.5 * c.delta_usd, `mix ${c.mix_effect_usd} of ${c.delta_usd}`);
  assert.ok(c.tokens_effect_usd > 0 && c.tokens_effect_usd > Math.abs(c.volume_effect_usd));
  assert.ok(Math.abs(c.price_effect_usd) < 1e-9, 'no price changed');
  const driver = await t.wh.one<{ model: string }>(
    `SELECT model FROM cost_change_week_model WHERE week = $1 AND scope = 'workflow' AND scope_id = 'summarize_ticket' ORDER BY delta_usd DESC LIMIT 1`, [week],
  );
  assert.equal(driver?.model, 'gpt-4o-2024-08-06');
});

test('the fine-tuned model with no public price is listed as unpriced, never costed as 0, and cost drift finds the jump', async () => {
  const m = await t.wh.one<{ cost_usd: number | null; unpriced_requests: number; requests: number }>(
    `SELECT cost_usd, unpriced_requests, requests FROM cost_by_model_week WHERE week = $1 AND model = 'acme-invoice-ft-v2'`, [week],
  );
  assert.ok(m && m.requests > 0 && m.unpriced_requests === m.requests && m.cost_usd === null);
  const listed = await t.wh.all<{ model: string }>(`SELECT model FROM unpriced_models WHERE week = $1`, [week]);
  assert.deepEqual(listed.map((x) => x.model), ['acme-invoice-ft-v2']);
  const drift = await t.wh.all<{ severity: string }>(
    `SELECT severity FROM drift_latest WHERE metric = 'cost_usd' AND segment = 'tenant_id=globex/workflow=summarize_ticket' AND severity = 'high'`,
  );
  assert.ok(drift.length > 0, 'per-request cost drift on the segment whose model changed');
});

test('the demo sets budgets sized to its volume; the cost jump gives globex the highest forecast burn of the tenants', async () => {
  const rows = await t.wh.all<{ scope: string; scope_id: string; forecast_burn_ratio: number }>(
    `SELECT scope, scope_id, forecast_burn_ratio FROM budget_burn_daily WHERE day = '2026-11-15' ORDER BY forecast_burn_ratio DESC`,
  );
  assert.equal(rows.length, 6);
  assert.equal(rows.filter((r) => r.scope === 'tenant')[0].scope_id, 'globex');
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * A small hand-computed week (2026-W46, Mon 2026-11-09 … Sun 11-15). The user's price file prices acme-ft
 * at 2 / 1 / 8 USD per million (input / cached / output) until 2026-11-12 and 1 / 0.5 / 4 from then on,
 * a per-request fee model, a tiered model and a dated gpt-4o override; the rest comes from the shipped table.
 */
const PRICES = `model,match,effective_from,effective_to,input_mtok,cached_input_mtok,output_mtok,request_usd,tier_threshold_tokens,tier_input_mtok,tier_output_mtok
acme-ft,starts_with:acme-ft,,2026-11-12,2,1,8,,,,
acme-ft,starts_with:acme-ft,2026-11-12,,1,0.5,4,,,,
flat-fee,,,,0,,0,0.01,,,
tiered,,,,1,,2,,1000,2,4
gpt-4o-aug,starts_with:gpt-4o-2024-08,,,2,1,8,,,,
`;

const M = 1_000_000;
const CASES: { id: string; ts: string; model: string; tenant?: string; input: number; cached?: number; output: number; rate?: number; cost: number | null }[] = [
  { id: 'old-price', ts: '2026-11-11T23:59:59Z', model: 'acme-ft-v1', input: M, cached: 200_000, output: 100_000, cost: 1.6 + 0.2 + 0.8 },
  { id: 'new-price', ts: '2026-11-12T00:00:00Z', model: 'acme-ft-v1', input: M, cached: 200_000, output: 100_000, cost: 0.8 + 0.1 + 0.4 },
  { id: 'shipped', ts: '2026-11-10T08:00:00Z', model: 'gpt-4o-mini-2024-07-18', input: 10_000, cached: 4_000, output: 1_000, cost: 0.0009 + 0.0003 + 0.0006 },
  { id: 'unpriced', ts: '2026-11-10T09:00:00Z', model: 'unknown-model-x', input: 5_000, output: 500, cost: null },
  { id: 'fee', ts: '2026-11-10T10:00:00Z', model: 'flat-fee', input: 500, output: 50, cost: 0.01 },
  { id: 'tier-at', ts: '2026-11-10T11:00:00Z', model: 'tiered', input: 1000, output: 10, cost: 0.001 + 0.00002 },
  { id: 'tier-over', ts: '2026-11-10T12:00:00Z', model: 'tiered', input: 1001, output: 10, cost: 0.002002 + 0.00004 },
  { id: 'sampled', ts: '2026-11-13T08:00:00Z', model: 'gpt-4o-mini-2024-07-18', input: M, output: 0, rate: 0.25, cost: 0.15 },
  { id: 'user-wins', ts: '2026-11-13T09:00:00Z', model: 'gpt-4o-2024-08-06', input: M, output: 0, cost: 2 },
  { id: 'shipped-4o', ts: '2026-11-13T09:30:00Z', model: 'gpt-4o-2024-11-20', input: M, output: 0, cost: 2.5 },
  { id: 'discount', ts: '2026-11-13T10:00:00Z', model: 'gpt-4o-mini-2024-07-18', tenant: 'globex', input: M, output: M, cost: (0.15 + 0.6) * 0.8 },
  { id: 'tenant-price', ts: '2026-11-13T11:00:00Z', model: 'acme-ft-v1', tenant: 'initech', input: M, output: M, cost: 3 + 6 },
  { id: 'tenant-only', ts: '2026-11-13T12:00:00Z', model: 'unknown-model-x', tenant: 'initech', input: M, output: 0, cost: 1 },
];

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  writeFileSync(join(t.dir, 'prices.csv'), PRICES);
  await insertRecords(t.wh, CASES.map((c) => ({
    id: c.id, ts: c.ts, model: c.model, tenant_id: c.tenant ?? 'acme', input_tokens: c.input, cached_input_tokens: c.cached ?? 0,
    output_tokens: c.output, sample_rate: c.rate ?? 1,
  })));
  const config = parseConfig({
    cost: {
      prices_file: 'prices.csv',
      tenants: { globex: { discount: 0.2 }, initech: { models: { 'acme-ft': { input_mtok: 3, output_mtok: 6 }, 'unknown-model-x': { input_mtok: 1, output_mtok: 1 } } } },
    },
  }, '(test)');
  await runJob('cost', { week: '2026-W46' }, { wh: t.wh, config, baseDir: t.dir });
});
after(() => t.cleanup());

const close = (a: number | null, b: number | null, msg: string) =>
  assert.ok(a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-12), `${msg}: ${a} vs ${b}`);

test('each record costs exactly the hand-computed amount: cached tokens, a mid-week price change, fees, tiers, overrides, tenant terms', async () => {
  const rows = await t.wh.all<{ id: string; cost_usd: number | null; priced: boolean }>('SELECT id, cost_usd, priced FROM record_costs');
  assert.equal(rows.length, CASES.length);
  for (const c of CASES) {
    const r = rows.find((x) => x.id === c.id)!;
    close(r.cost_usd, c.cost, c.id);
    assert.equal(r.priced, c.cost !== null, c.id);
  }
});

test('the record before the price change is priced at the old price, the one after at the new, and each names its price row', async () => {
  const rows = await t.wh.all<{ id: string; price_id: string; price_version: number; week: string; day: string }>(
    `SELECT id, price_id, price_version, week, day FROM record_costs WHERE id IN ('old-price', 'new-price', 'shipped', 'discount', 'tenant-price') ORDER BY id`,
  );
  assert.deepEqual(rows.map((r) => [r.id, r.price_id]), [
    ['discount', 'openai/gpt-4o-mini'],
    ['new-price', 'user:user/acme-ft@2026-11-12'],
    ['old-price', 'user:user/acme-ft'],
    ['shipped', 'openai/gpt-4o-mini'],
    ['tenant-price', 'cost.tenants.initech.models.acme-ft'],
  ]);
  assert.ok(rows.every((r) => r.price_version === 1 && r.week === '2026-W46'));
  const discount = await t.wh.one<{ tenant_rule: string; discount: number }>(`SELECT tenant_rule, discount FROM record_costs WHERE id = 'discount'`);
  assert.deepEqual(discount, { tenant_rule: 'cost.tenants.globex.discount', discount: 0.2 });
});

test('an unpriced model is counted and listed with its reason, never costed as 0', async () => {
  const week = await t.wh.all<{ tenant_id: string; unpriced_requests: number; cost_usd: number | null }>(
    `SELECT tenant_id, unpriced_requests, cost_usd FROM cost_by_tenant_week WHERE week = '2026-W46' ORDER BY tenant_id`,
  );
  assert.deepEqual(week.map((w) => [w.tenant_id, w.unpriced_requests]), [['acme', 1], ['globex', 0], ['initech', 0]]);
  const day = await t.wh.one<{ cost_usd: number | null; unpriced_requests: number }>(`SELECT cost_usd, unpriced_requests FROM cost_by_day WHERE model = 'unknown-model-x' AND tenant_id = 'acme'`);
  assert.deepEqual(day, { cost_usd: null, unpriced_requests: 1 });
  const listed = await t.wh.all(`SELECT model, requests, tenants, unpriced_reason FROM unpriced_models WHERE week = '2026-W46'`);
  assert.deepEqual(listed, [{ model: 'unknown-model-x', requests: 1, tenants: 1, unpriced_reason: 'no price entry matches this model id' }]);
  const alert = await t.wh.all<{ message: string }>(`SELECT message FROM unpriced_model_alerts`);
  assert.deepEqual(alert.map((a) => a.message), ['unpriced model unknown-model-x: 1 request in 2026-W46 (no price entry matches this model id)']);
});

test('estimates scale each record by 1/sample_rate; the sampled figures stay beside them', async () => {
  const m = await t.wh.one<{ requests: number; est_requests: number; cost_usd: number; est_cost_usd: number }>(
    `SELECT requests, est_requests, cost_usd, est_cost_usd FROM cost_by_model_week WHERE model = 'gpt-4o-mini-2024-07-18'`,
  );
  assert.equal(m?.requests, 3);
  assert.equal(m?.est_requests, 1 + 4 + 1);
  close(m!.cost_usd, 0.0018 + 0.15 + 0.6, 'sampled cost');
  close(m!.est_cost_usd, 0.0018 + 0.15 * 4 + 0.6, 'estimated cost');
  const tenants = await t.wh.one<{ est_cost_usd: number }>(`SELECT sum(est_cost_usd) AS est_cost_usd FROM cost_by_tenant_week`);
  const expected = CASES.reduce((s, c) => s + (c.cost ?? 0) / (c.rate ?? 1), 0);
  close(tenants!.est_cost_usd, expected, 'the weekly views add up to the records');
});

test('cost per successful request and waste shares divide the right records', async () => {
  await t.wh.run(`UPDATE records SET status = 'error' WHERE id = 'old-price'`);
  await t.wh.run(`UPDATE records SET human_override = true WHERE id = 'new-price'`);
  await t.wh.run(`UPDATE records SET fallback = true WHERE id = 'fee'`);
  const s = await t.wh.one<{ successful_requests: number; est_cost_usd: number; est_cost_per_successful_request: number }>(
    `SELECT successful_requests, est_cost_usd, est_cost_per_successful_request FROM cost_per_successful_request WHERE tenant_id = 'acme'`,
  );
  const acme = CASES.filter((c) => !c.tenant);
  const acmeCost = acme.reduce((a, c) => a + (c.cost ?? 0) / (c.rate ?? 1), 0);
  assert.equal(s?.successful_requests, acme.length - 2);
  // successful priced requests: the 10 acme records but the failed, the overridden and the unpriced one = 7, the sampled one counting 4
  close(s!.est_cost_per_successful_request, acmeCost / (6 + 4), 'cost per success');
  const w = await t.wh.one<{ failed_share: number; fallback_share: number; overridden_share: number }>(
    `SELECT failed_share, fallback_share, overridden_share FROM cost_waste_week WHERE tenant_id = 'acme'`,
  );
  close(w!.failed_share, 2.6 / acmeCost, 'failed share');
  close(w!.overridden_share, 1.3 / acmeCost, 'overridden share');
  close(w!.fallback_share, 0.01 / acmeCost, 'fallback share');
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { PriceState } from '../../../data/cost/priceChanges.ts';
import { parseConfig } from '../../../jobs/config.ts';
import type { CostOutput } from '../../../jobs/cost.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * A negotiated price in the user's file that starts (or ends) on a date prices only its own period: records
 * outside it keep the shipped list price (gpt-4o: 2.5 / 1.25 / 10 USD per million), they do not become unpriced.
 * The override starts mid-week, Wednesday 2026-06-17 12:00 UTC; a promo on gpt-4o-mini runs 06-15 … 06-17.
 */
const M = 1_000_000;
const CASES = [
  { id: 'before', ts: '2026-06-16T10:00:00Z', model: 'gpt-4o-2024-08-06', cost: 2.5 + 10 },
  { id: 'just-before', ts: '2026-06-17T11:59:59Z', model: 'gpt-4o-2024-08-06', cost: 2.5 + 10 },
  { id: 'after', ts: '2026-06-17T12:00:00Z', model: 'gpt-4o-2024-08-06', cost: 2 + 8 },
  { id: 'discount-before', ts: '2026-06-16T10:00:00Z', model: 'gpt-4o-2024-08-06', tenant: 'initech', cost: (2.5 + 10) * 0.9 },
  { id: 'discount-after', ts: '2026-06-18T10:00:00Z', model: 'gpt-4o-2024-08-06', tenant: 'initech', cost: 2 + 8 },
  { id: 'promo-before', ts: '2026-06-14T10:00:00Z', model: 'gpt-4o-mini', cost: 0.15 + 0.6 },
  { id: 'promo', ts: '2026-06-16T10:00:00Z', model: 'gpt-4o-mini', cost: 0.1 + 0.2 },
  { id: 'promo-after', ts: '2026-06-18T10:00:00Z', model: 'gpt-4o-mini', cost: 0.15 + 0.6 },
];
const PRICES = `model,match,effective_from,effective_to,input_mtok,cached_input_mtok,output_mtok
our-4o,starts_with:gpt-4o-2024-08,2026-06-17T12:00:00Z,,2,1,8
mini-promo,equals:gpt-4o-mini,2026-06-15,2026-06-18,0.1,,0.2
`;

let t: TempWarehouse;
const cost = async (cfg: Record<string, unknown>) =>
  (await runJob<{ output: CostOutput }>('cost', {}, { wh: t.wh, config: parseConfig({ cost: cfg }, '(test)'), baseDir: t.dir })).result.output.prices as PriceState;
const TENANTS = { initech: { providers: { openai: { discount: 0.1 } } } };

before(async () => {
  t = await tempWarehouse();
  writeFileSync(join(t.dir, 'prices.csv'), PRICES);
  await insertRecords(t.wh, CASES.map((c) => ({ id: c.id, ts: c.ts, model: c.model, tenant_id: c.tenant ?? 'acme', input_tokens: M, output_tokens: M })));
});
after(() => t.cleanup());

test('adding a dated override to priced history reprices only the records in its period; none loses its price', async () => {
  assert.equal((await cost({ tenants: TENANTS })).state, 'initial');
  const s = await cost({ prices_file: 'prices.csv', tenants: TENANTS });
  assert.equal(s.state, 'pending');
  const rows = s.state === 'pending' ? s.change.rows : [];
  assert.ok(rows.length > 0);
  for (const r of rows) assert.equal(r.new_priced_requests, r.old_priced_requests, `${r.tenant_id} ${r.model}: ${r.old_priced_requests} priced before, ${r.new_priced_requests} after`);
  // only 'after' (12.5 → 10), 'discount-after' (11.25 → 10) and 'promo' (0.75 → 0.3) move their group's total
  const totals = rows.map((r) => [r.tenant_id, r.model, r.old_cost_usd, Number(r.new_cost_usd?.toFixed(9))]).sort();
  assert.deepEqual(totals, [['acme', 'gpt-4o-2024-08-06', 37.5, 35], ['acme', 'gpt-4o-mini', 2.25, 1.8], ['initech', 'gpt-4o-2024-08-06', 22.5, 21.25]]);
});

test('after reprice each record costs the price in force at its ts: the override in its period, the list price (with the tenant discount) outside it', async () => {
  await runJob('cost', { reprice: true }, { wh: t.wh, config: parseConfig({ cost: { prices_file: 'prices.csv', tenants: TENANTS } }, '(test)'), baseDir: t.dir });
  const got = await t.wh.all<{ id: string; cost_usd: number | null; price_id: string | null; unpriced_reason: string | null }>(
    'SELECT id, cost_usd, price_id, unpriced_reason FROM record_costs ORDER BY id',
  );
  for (const c of CASES) {
    const r = got.find((g) => g.id === c.id)!;
    assert.ok(r.cost_usd !== null && Math.abs(r.cost_usd - c.cost) < 1e-9, `${c.id}: ${r.cost_usd} (${r.unpriced_reason ?? r.price_id}), expected ${c.cost}`);
  }
  assert.deepEqual(got.filter((g) => g.id.startsWith('promo')).map((g) => [g.id, g.price_id]), [
    ['promo', 'user:user/mini-promo@2026-06-15'],
    ['promo-after', 'openai/gpt-4o-mini'],
    ['promo-before', 'openai/gpt-4o-mini'],
  ]);
  const mp = await t.wh.all<{ source: string; provider: string; matched_by: string }>(
    `SELECT DISTINCT source, provider, matched_by FROM model_prices WHERE model = 'gpt-4o-2024-08-06' ORDER BY source`,
  );
  assert.deepEqual(mp, [{ source: 'shipped', provider: 'openai', matched_by: 'provider' }, { source: 'user', provider: 'user', matched_by: 'user_file' }]);
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { PriceState, RepriceOutcome } from '../../../data/cost/priceChanges.ts';
import { parseConfig } from '../../../jobs/config.ts';
import type { CostOutput } from '../../../jobs/cost.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
const M = 1_000_000;
const prices = (rows: string) => writeFileSync(join(t.dir, 'prices.csv'), `model,effective_from,effective_to,input_mtok,output_mtok\n${rows}`);
const config = (extra: Record<string, unknown> = {}) => parseConfig({ cost: { prices_file: 'prices.csv', ...extra } }, '(test)');

async function cost(params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<PriceState | RepriceOutcome> {
  const r = await runJob<{ output: CostOutput }>('cost', params, { wh: t.wh, config: config(extra), baseDir: t.dir });
  return r.result.output.prices as PriceState | RepriceOutcome;
}
const costOf = async (id: string) => (await t.wh.one<{ c: number | null }>('SELECT cost_usd AS c FROM record_costs WHERE id = $1', [id]))?.c ?? null;
const activeVersions = async () => t.wh.all<{ version: number; applies_from: string | null; applies_to: string | null }>(
  `SELECT version, applies_from, applies_to FROM price_versions WHERE status = 'active' ORDER BY version`,
);

before(async () => {
  t = await tempWarehouse();
  // two acme-ft records a million input tokens each, on 2026-11-02 and 2026-11-10 (sampled at 0.5)
  await insertRecords(t.wh, [
    { id: 'early', ts: '2026-11-02T10:00:00Z', model: 'acme-ft', input_tokens: M, sample_rate: 0.5 },
    { id: 'late', ts: '2026-11-10T10:00:00Z', model: 'acme-ft', input_tokens: M, sample_rate: 0.5 },
    { id: 'other', ts: '2026-11-10T11:00:00Z', model: 'mystery-model', input_tokens: M },
  ]);
  prices('acme-ft,,,1,0\n');
});
after(() => t.cleanup());

test('the first load is version 1 and a run with the same inputs creates no new version', async () => {
  assert.deepEqual(await cost(), { state: 'initial', version: 1 });
  assert.equal(await costOf('early'), 1);
  assert.deepEqual(await cost(), { state: 'current', version: 1 });
  assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM price_versions'))?.n, 1);
});

test('a changed price never rewrites stored costs silently: it waits as a pending version with old vs new totals', async () => {
  prices('acme-ft,,,3,0\n');
  const s = await cost();
  assert.equal(s.state, 'pending');
  assert.equal(s.state === 'pending' && s.active, 1);
  assert.equal(await costOf('early'), 1, 'still priced by version 1');
  const change = s.state === 'pending' ? s.change : null;
  assert.deepEqual([change?.records_repriced, change?.old_cost_usd, change?.new_cost_usd, change?.old_est_cost_usd, change?.new_est_cost_usd], [2, 2, 6, 4, 12]);
  assert.deepEqual(change?.rows.map((r) => [r.tenant_id, r.workflow, r.model, r.requests, r.old_cost_usd, r.new_cost_usd]), [['t1', 'wf', 'acme-ft', 2, 2, 6]]);
  const pending = await t.wh.all(`SELECT version, status FROM price_versions ORDER BY version`);
  assert.deepEqual(pending, [{ version: 1, status: 'active' }, { version: 2, status: 'pending' }]);
  const dry = await cost({ reprice: true, dry_run: true });
  assert.equal(dry.state, 'dry_run');
  assert.equal(await costOf('late'), 1, 'a dry run applies nothing');
});

test('reprice applies it to all history, reports old vs new and keeps the change per tenant, workflow and model', async () => {
  const r = await cost({ reprice: true });
  assert.equal(r.state, 'repriced');
  const change = r.state === 'repriced' ? r.change : null;
  assert.deepEqual([change?.version, change?.replaces, change?.from, change?.old_cost_usd, change?.new_cost_usd], [2, [1], null, 2, 6]);
  assert.deepEqual([await costOf('early'), await costOf('late')], [3, 3]);
  assert.deepEqual(await activeVersions(), [{ version: 2, applies_from: null, applies_to: null }]);
  const kept = await t.wh.all(`SELECT version, previous_versions, model, requests, old_cost_usd, new_cost_usd, old_est_cost_usd, new_est_cost_usd FROM price_version_changes`);
  assert.deepEqual(kept, [{ version: 2, previous_versions: [1], model: 'acme-ft', requests: 2, old_cost_usd: 2, new_cost_usd: 6, old_est_cost_usd: 4, new_est_cost_usd: 12 }]);
  assert.equal((await cost({ reprice: true })).state, 'nothing_to_reprice');
});

test('reprice --from keeps earlier records at the price they had', async () => {
  prices('acme-ft,,,5,0\n');
  assert.equal((await cost()).state, 'pending');
  const r = await cost({ reprice: true, from: '2026-11-09' });
  assert.equal(r.state === 'repriced' && r.change.records_repriced, 1);
  assert.deepEqual([await costOf('early'), await costOf('late')], [3, 5]);
  assert.deepEqual(await activeVersions(), [
    { version: 2, applies_from: null, applies_to: '2026-11-09T00:00:00.000Z' },
    { version: 3, applies_from: '2026-11-09T00:00:00.000Z', applies_to: null },
  ]);
  assert.equal((await cost()).state, 'current', 'the files now match the newest version');
});

test('pricing a model that had no price, or changing prices no stored record uses, applies without a reprice', async () => {
  assert.equal(await costOf('other'), null);
  prices('acme-ft,,,5,0\nmystery-model,,,2,0\n');
  const s = await cost();
  assert.equal(s.state, 'applied');
  assert.deepEqual(s.state === 'applied' && [s.change.newly_priced_only, s.change.records_repriced], [true, 1]);
  assert.equal(await costOf('other'), 2);
  assert.deepEqual([await costOf('early'), await costOf('late')], [3, 5], 'the earlier segment keeps its version');
  prices('acme-ft,,2027-01-01,5,0\nmystery-model,,,2,0\nacme-ft,2027-01-01,,9,0\n');
  const future = await cost();
  assert.deepEqual(future.state === 'applied' && [future.change.records_repriced, future.change.newly_priced_only], [0, true]);
  const label = await t.wh.one<{ change: string }>(`SELECT change FROM price_versions WHERE version = $1`, [future.state === 'applied' ? future.version : -1]);
  assert.equal(label?.change, 'no stored cost changed');
});

test('a model logged after the last cost run shows as not resolved until the next run prices it', async () => {
  await insertRecords(t.wh, [{ id: 'new', ts: '2026-11-11T10:00:00Z', model: 'gpt-4o-mini-2024-07-18', input_tokens: M }]);
  const before = await t.wh.one<{ unpriced_reason: string }>(`SELECT unpriced_reason FROM record_costs WHERE id = 'new'`);
  assert.equal(before?.unpriced_reason, 'model not resolved yet: run assay cost');
  await cost();
  assert.equal(await costOf('new'), 0.15);
});

test('tenant terms are part of the version: a new discount on stored records waits for a reprice too', async () => {
  const s = await cost({}, { tenants: { t1: { discount: 0.5 } } });
  assert.equal(s.state, 'pending');
  assert.equal(await costOf('late'), 5);
  await cost({ reprice: true }, { tenants: { t1: { discount: 0.5 } } });
  assert.equal(await costOf('late'), 2.5);
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { AssayError } from '../../../data/errors.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, withWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
const M = 1_000_000;
const writeConfig = (prices: string) => {
  writeFileSync(join(t.dir, 'prices.csv'), `model,input_mtok,output_mtok\n${prices}`);
  writeFileSync(join(t.dir, 'assay.config.json'), JSON.stringify({ warehouse: { path: t.path }, cost: { prices_file: 'prices.csv', budgets: { tenants: { acme: 20 } } } }));
};

before(async () => {
  t = await tempWarehouse();
  // 2026-W45 and W46; acme's records sampled at 0.5; one unpriced model
  await insertRecords(t.wh, [
    { id: 'a1', ts: '2026-11-03T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'acme-ft', input_tokens: M, sample_rate: 0.5 },
    { id: 'a2', ts: '2026-11-10T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'acme-ft', input_tokens: M, sample_rate: 0.5 },
    { id: 'a3', ts: '2026-11-11T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'acme-ft', input_tokens: M, sample_rate: 0.5 },
    { id: 'g1', ts: '2026-11-11T11:00:00Z', tenant_id: 'globex', workflow: 'reply', model: 'gpt-4o-mini-2024-07-18', input_tokens: M, output_tokens: M },
    { id: 'u1', ts: '2026-11-12T11:00:00Z', tenant_id: 'globex', workflow: 'reply', model: 'in-house-llm', input_tokens: M },
  ]);
  t.wh.close();
  writeConfig('acme-ft,2,0\n');
});
after(() => t.cleanup());

test('assay cost --help describes the options and the reprice command; a bad week is a usage error (2) before any work', async () => {
  const [help, sub, format, week53] = await Promise.all([
    runCli(['cost', '--help']), runCli(['cost', 'reprice', '--help']),
    runCli(['cost', '--week', 'last-week'], { cwd: t.dir }), runCli(['cost', '--week', '2025-W53'], { cwd: t.dir }),
  ]);
  assert.equal(help.code, 0);
  for (const flag of ['--week', '--tenant', '--fail-on', 'reprice']) assert.match(help.stdout, new RegExp(flag));
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--from <date>/);
  assert.match(sub.stdout, /--dry-run/);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--week expects an ISO week such as 2026-W46, got 'last-week'/);
  assert.equal(week53.code, 2);
  assert.match(week53.stderr, /that year has no such week/);
});

test('assay cost --week --json gives the week by tenant, workflow and model as estimates with the sampled counts', async () => {
  const r = await runCli(['cost', '--week', '2026-W46', '--json', '-q'], { cwd: t.dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    week: { week: string; week_start: string; totals: Record<string, number>; tenants: Record<string, unknown>[]; models: Record<string, unknown>[]; unpriced_models: Record<string, unknown>[]; budgets: Record<string, unknown>[]; changes: Record<string, unknown>[] };
    prices: { state: string; version: number };
    warnings: string[];
  };
  assert.deepEqual([out.week.week, out.week.week_start, out.prices.state, out.prices.version], ['2026-W46', '2026-11-09', 'initial', 1]);
  assert.deepEqual([out.week.totals.requests, out.week.totals.est_requests, out.week.totals.unpriced_requests], [4, 6, 1]);
  assert.ok(Math.abs(out.week.totals.est_cost_usd - (2 * 2 * 2 + 0.75)) < 1e-9);
  assert.deepEqual(out.week.tenants.map((x) => [x.key, x.requests, x.est_requests, x.est_cost_usd, x.prev_est_cost_usd]), [['acme', 2, 4, 8, 4], ['globex', 2, 2, 0.75, 0]]);
  assert.deepEqual(out.week.unpriced_models.map((x) => [x.model, x.requests]), [['in-house-llm', 1]]);
  assert.deepEqual(out.week.budgets.map((x) => [x.scope_id, x.day, x.mtd_est_cost_usd]), [['acme', '2026-11-12', 12]]);
  assert.deepEqual(out.week.changes.map((x) => [x.scope, x.scope_id, x.delta_usd, x.volume_effect_usd]), [['tenant', 'acme', 4, 4], ['tenant', 'globex', 0.75, 0.75], ['workflow', 'triage', 4, 4], ['workflow', 'reply', 0.75, 0.75]]);
  assert.ok(out.warnings.some((w) => /unpriced model in-house-llm: 1 request in 2026-W46/.test(w)));
});

test('the table says the figures are estimates; --fail-on unpriced exits 4; --tenant narrows it', async () => {
  const r = await runCli(['cost', '--week', '2026-W46', '--fail-on', 'unpriced', '-q'], { cwd: t.dir });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stdout, /Figures are estimates: each of the 4 sampled records counts 1\/sample_rate \(sample rates 0\.5–1\)/);
  assert.match(r.stdout, /Unpriced models[^\n]*\n.*\n.*\nin-house-llm\s+1/);
  const one = await runCli(['cost', '--week', '2026-W46', '--tenant', 'acme', '--json', '-q'], { cwd: t.dir });
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual((JSON.parse(one.stdout) as { week: { tenants: { key: string }[] } }).week.tenants.map((x) => x.key), ['acme']);
});

test('a week without records is a no-data error (3) that names the range there is', async () => {
  const empty = await runCli(['cost', '--week', '2026-W30'], { cwd: t.dir });
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /No records in 2026-W30 .*from 2026-11-03 to 2026-11-12/);
});

test('assay cost reprice applies a changed price to stored records and prints old vs new; --dry-run does not', async () => {
  writeConfig('acme-ft,3,0\n');
  const pending = await runCli(['cost', '--week', '2026-W46', '--fail-on', 'pending_prices', '-q'], { cwd: t.dir });
  assert.equal(pending.code, 4, pending.stderr);
  assert.match(pending.stdout, /price table changed \(pending version 2\)/);
  const dry = await runCli(['cost', 'reprice', '--dry-run', '-q'], { cwd: t.dir });
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Dry run — version 2 would replace 1/);
  assert.match(dry.stdout, /3 of 5 stored records change; their estimated total \$12\.00 → \$18\.00 \(sampled \$6\.00 → \$9\.00\), all records \$12\.75 → \$18\.75/);
  const done = await runCli(['cost', 'reprice', '--json', '-q'], { cwd: t.dir });
  assert.equal(done.code, 0, done.stderr);
  const body = JSON.parse(done.stdout) as { state: string; change: { old_est_cost_usd: number; new_est_cost_usd: number; rows: { model: string }[] } };
  assert.deepEqual([body.state, body.change.old_est_cost_usd, body.change.new_est_cost_usd, body.change.rows.map((x) => x.model)], ['repriced', 12.75, 18.75, ['acme-ft']]);
});

test('cost --tenant with a tenant the warehouse does not hold fails naming it and the tenants there, as report does', () =>
  withWarehouse(async (t) => {
    await insertRecords(t.wh, [{ id: 'r1', ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'triage' }]);
    await assert.rejects(
      runJob('cost', { tenant: 'acmee' }, { wh: t.wh, config: t.config }),
      (e: unknown) => e instanceof AssayError && e.code === 'ASSAY_ERR_USAGE' && /Unknown tenant 'acmee'\. Tenants in the warehouse: acme/.test(e.message),
    );
  }));

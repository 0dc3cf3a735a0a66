import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/** Model A: 1 / 2 USD per million input / output tokens; B: 4 / 8; P: 1 input until 2026-11-09, then 2. */
const PRICES = `model,effective_from,effective_to,input_mtok,cached_input_mtok,output_mtok
A,,,1,0.5,2
B,,,4,,8
P,,2026-11-09,1,,0
P,2026-11-09,,2,,0
D1,,2026-11-09,1,,0
D1,2026-11-09,,1.5,,0
D2,,,4,,0
`;
const W45 = '2026-11-03T10:00:00Z';
const W46 = '2026-11-10T10:00:00Z';

function many(n: number, tenant: string, ts: string, model: string, input: number, output: number, extra: Partial<RecordRow> = {}): RecordRow[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${tenant}-${ts}-${model}-${input}-${i}`, ts, tenant_id: tenant, workflow: `wf_${tenant}`, model, input_tokens: input, output_tokens: output, ...extra }));
}

/** A seeded generator (mulberry32), so the random case is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function permutations(xs: number[]): number[][] {
  return xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  writeFileSync(join(t.dir, 'prices.csv'), PRICES);
  const rand = rng(46);
  const mixed: RecordRow[] = [];
  for (const [ts, models] of [[W45, ['A', 'B', 'P']], [W46, ['A', 'P', 'gpt-4o-mini-2024-07-18']]] as const) {
    for (let i = 0; i < 300; i++) {
      const input = 200 + Math.floor(rand() * 5000);
      mixed.push({
        id: `mixed-${ts}-${i}`, ts: ts.replace('10:00', String(10 + (i % 12)).padStart(2, '0') + ':00'), tenant_id: 'mixed', workflow: 'wf_mixed',
        model: models[Math.floor(rand() * models.length)], input_tokens: input, cached_input_tokens: Math.floor(input * rand() * 0.5),
        output_tokens: Math.floor(rand() * 800), sample_rate: rand() < 0.5 ? 0.25 : 1,
      });
    }
  }
  await insertRecords(t.wh, [
    ...many(10, 'vol', W45, 'A', 1000, 100), ...many(20, 'vol', W46, 'A', 1000, 100),
    ...many(10, 'price', W45, 'P', 1000, 0), ...many(10, 'price', W46, 'P', 1000, 0),
    ...many(10, 'mix', W45, 'A', 1000, 100), ...many(5, 'mix', W46, 'A', 1000, 100), ...many(5, 'mix', W46, 'B', 1000, 100),
    ...many(10, 'tokens', W45, 'A', 1000, 100), ...many(10, 'tokens', W46, 'A', 2000, 200),
    ...many(100, 'doc', W45, 'D1', 1000, 0), ...many(60, 'doc', W46, 'D1', 1200, 0), ...many(60, 'doc', W46, 'D2', 1400, 0),
    ...mixed,
  ]);
  await runJob('cost', { week: '2026-W46' }, { wh: t.wh, config: parseConfig({ cost: { prices_file: 'prices.csv' } }, '(test)'), baseDir: t.dir });
});
after(() => t.cleanup());

interface Change {
  scope_id: string;
  prev_est_cost_usd: number;
  est_cost_usd: number;
  delta_usd: number;
  volume_effect_usd: number;
  mix_effect_usd: number;
  tokens_effect_usd: number;
  price_effect_usd: number;
}
const change = async (scope: string, id: string) =>
  (await t.wh.one<Change>(`SELECT * FROM cost_change_week WHERE week = '2026-W46' AND scope = $1 AND scope_id = $2`, [scope, id]))!;
const near = (a: number, b: number, msg: string) => assert.ok(Math.abs(a - b) < 1e-12, `${msg}: ${a} vs ${b}`);


test('a change of one factor shows in that effect alone, with the hand-computed amount', async () => {
  const cases: [string, keyof Change, number, number][] = [
    ['vol', 'volume_effect_usd', 0.012, 0.024],
    ['price', 'price_effect_usd', 0.01, 0.02],
    ['mix', 'mix_effect_usd', 0.012, 0.03],
    ['tokens', 'tokens_effect_usd', 0.012, 0.024],
  ];
  for (const [tenant, effect, before, now] of cases) {
    for (const scope of ['tenant', 'workflow']) {
      const c = await change(scope, scope === 'tenant' ? tenant : `wf_${tenant}`);
      near(c.prev_est_cost_usd, before, `${tenant} before`);
      near(c.est_cost_usd, now, `${tenant} now`);
      near(c.delta_usd, now - before, `${tenant} delta`);
      for (const k of ['volume_effect_usd', 'mix_effect_usd', 'tokens_effect_usd', 'price_effect_usd'] as const) {
        near(c[k], k === effect ? now - before : 0, `${scope} ${tenant} ${k}`);
      }
    }
  }
});

test("docs/cost.md's worked example: volume, mix, tokens and price effects as printed there", async () => {
  const c = await change('tenant', 'doc');
  const want = { prev_est_cost_usd: 0.1, est_cost_usd: 0.444, delta_usd: 0.344, volume_effect_usd: 0.0480833333333333, mix_effect_usd: 0.23125, tokens_effect_usd: 0.0200833333333333, price_effect_usd: 0.0445833333333333 };
  for (const [k, v] of Object.entries(want)) near(c[k as keyof Change] as number, v, k);
});

test('the four effects add up to the delta, and equal a reference Shapley decomposition, when models come and go', async () => {
  const c = await change('tenant', 'mixed');
  near(c.volume_effect_usd + c.mix_effect_usd + c.tokens_effect_usd + c.price_effect_usd, c.delta_usd, 'sum of effects');
  assert.ok(Math.abs(c.mix_effect_usd) > 1e-6 && Math.abs(c.tokens_effect_usd) > 1e-6 && Math.abs(c.price_effect_usd) > 1e-6, 'a case where every factor moves');
  const cells = await t.wh.all<{ week_start: string; model: string; kind: string; r: number; tokens: number; cost: number }>(
    `SELECT week_start, model, k.kind, sum(1 / sample_rate) AS r, sum(k.tokens / sample_rate) AS tokens, sum(k.cost / sample_rate) AS cost
     FROM record_costs, unnest([{'kind': 'in', 'tokens': greatest(input_tokens - cached_input_tokens, 0), 'cost': input_cost_usd},
                                {'kind': 'cached', 'tokens': cached_input_tokens, 'cost': cached_input_cost_usd},
                                {'kind': 'out', 'tokens': output_tokens, 'cost': output_cost_usd}, {'kind': 'req', 'tokens': 1, 'cost': request_cost_usd}]) AS u(k)
     WHERE tenant_id = 'mixed' AND priced GROUP BY ALL`,
  );
  const q = (w: string) => cells.filter((x) => x.week_start === w && x.kind === 'req').reduce((s, x) => s + x.r, 0);
  const [q0, q1] = [q('2026-11-02'), q('2026-11-09')];
  const ref = { volume: 0, mix: 0, tokens: 0, price: 0 };
  const keys = new Set(cells.map((x) => `${x.model}|${x.kind}`));
  for (const key of keys) {
    const [model, kind] = key.split('|');
    const at = (w: string) => cells.find((x) => x.week_start === w && x.model === model && x.kind === kind);
    const [a, b] = [at('2026-11-02'), at('2026-11-09')];
    const s = [a ? a.r / q0 : 0, b ? b.r / q1 : 0];
    const u = [a ? a.tokens / a.r : b!.tokens / b!.r, b ? b.tokens / b.r : a!.tokens / a!.r];
    const p = (c?: { tokens: number; cost: number }) => (c && c.tokens > 0 ? c.cost / c.tokens : null);
    const pp = [p(a) ?? p(b) ?? 0, p(b) ?? p(a) ?? 0];
    const f = [[q0, q1], s, u, pp];
    // Shapley value of factor i in a 4-factor product: average over the 4! orders of the marginal change
    const perms = permutations([0, 1, 2, 3]);
    const names = ['volume', 'mix', 'tokens', 'price'] as const;
    for (const order of perms) {
      const state = [0, 0, 0, 0];
      const value = () => state.reduce((v, s2, j) => v * f[j][s2], 1);
      for (const i of order) {
        const before = value();
        state[i] = 1;
        ref[names[i]] += (value() - before) / perms.length;
      }
    }
  }
  near(c.volume_effect_usd, ref.volume, 'volume');
  near(c.mix_effect_usd, ref.mix, 'mix');
  near(c.tokens_effect_usd, ref.tokens, 'tokens');
  near(c.price_effect_usd, ref.price, 'price');
});

test('per model, the effects explain which model moved the cost; a model that appears is all mix', async () => {
  const rows = await t.wh.all<{ model: string; prev_est_requests: number; est_requests: number; delta_usd: number; mix_effect_usd: number; tokens_effect_usd: number; price_effect_usd: number }>(
    `SELECT model, prev_est_requests, est_requests, delta_usd, mix_effect_usd, tokens_effect_usd, price_effect_usd FROM cost_change_week_model
     WHERE week = '2026-W46' AND scope = 'tenant' AND scope_id = 'mix' ORDER BY model`,
  );
  assert.deepEqual(rows.map((r) => [r.model, r.prev_est_requests, r.est_requests]), [['A', 10, 5], ['B', 0, 5]]);
  near(rows[1].delta_usd, 0.024, 'B appears');
  near(rows[1].mix_effect_usd, 0.024, 'all of it mix');
  const week = await t.wh.one<{ models_added: number; models_dropped: number }>(`SELECT models_added, models_dropped FROM cost_change_week WHERE scope = 'tenant' AND scope_id = 'mixed'`);
  assert.deepEqual(week, { models_added: 1, models_dropped: 1 });
  const first = await t.wh.one<{ n: number }>(`SELECT count(*) AS n FROM cost_change_week WHERE week = '2026-W45'`);
  assert.equal(first?.n, 0, 'the first week has no week before it with records');
});

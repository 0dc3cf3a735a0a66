import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { SHIPPED_PRICES } from '../../../data/cost/catalogue.ts';
import { periodsOf } from '../../../data/prices/generate.ts';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

const installed = (JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@pydantic/genai-prices')), '..', 'package.json'), 'utf8')) as { version: string }).version;

test('the shipped table records the genai-prices version it was generated from, and it is the installed one (else: npm run prices)', () => {
  const first = readFileSync(SHIPPED_PRICES, 'utf8').split('\n')[0];
  assert.match(first, new RegExp(`^# source: @pydantic/genai-prices ${installed.replaceAll('.', '\\.')}; generated: \\d{4}-\\d{2}-\\d{2};`));
});

test('conditional prices become disjoint dated rows and UTC time-of-day windows with genai-prices precedence', () => {
  const o3 = periodsOf([{ prices: { input_mtok: 10, output_mtok: 40 } }, { constraint: { type: 'start_date', start_date: '2025-06-10' }, prices: { input_mtok: 2, output_mtok: 8 } }]);
  assert.deepEqual(o3.map((p) => [Number.isFinite(p.from) ? new Date(p.from).toISOString().slice(0, 10) : null, Number.isFinite(p.to) ? new Date(p.to).toISOString().slice(0, 10) : null, p.label.input_mtok]), [
    [null, '2025-06-10', 10],
    ['2025-06-10', null, 2],
  ]);
  // a peak window across midnight (16:30–00:30 UTC) wins over the unconstrained off-peak price
  const peak = periodsOf([{ prices: { input_mtok: 1 } }, { constraint: { type: 'time_of_date', start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 2 } }]);
  assert.deepEqual(peak.map((p) => [p.timeFrom, p.timeTo, p.label.input_mtok]), [[0, 1800, 2], [1800, 59_400, 1], [59_400, 86_400, 2]]);
  const free = periodsOf({});
  assert.deepEqual([free[0].label.input_mtok, free[0].label.output_mtok], [0, 0], 'an empty genai-prices price is a free model');
  const audio = periodsOf({ audio_hours: 0.1 });
  assert.equal(audio[0].label.input_mtok, null, 'priced only in units Assay does not record: stays unpriced');
});

let t: TempWarehouse;
const IDS = [
  'gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'gpt-4o-2024-05-13', 'o3', 'o3-2025-04-16', 'claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022',
  'claude-opus-4-1-20250805', 'gemini-2.0-flash', 'gemini-2.5-pro', 'gemini-2.5-flash', 'deepseek-chat', 'deepseek-v4-flash', 'gemma-3',
  'mistral-large-latest', 'grok-3', 'command-r-plus', 'gpt-4.1-nano', 'llama-3.3-70b-versatile',
];
const TIMES = ['2025-01-15T03:00:00Z', '2025-06-10T12:00:00Z', '2026-08-20T02:30:00Z', '2026-08-20T17:00:00Z', '2026-11-10T20:00:00Z'];
const USAGES = [{ input: 1000, cached: 300, output: 200 }, { input: 250_000, cached: 50_000, output: 1000 }];

before(async () => {
  t = await tempWarehouse();
  const rows = IDS.flatMap((model, i) => TIMES.flatMap((ts, j) => USAGES.map((u, k) => ({
    id: `${i}-${j}-${k}`, ts, model, input_tokens: u.input, cached_input_tokens: u.cached, output_tokens: u.output,
  }))));
  await insertRecords(t.wh, rows);
  await runJob('cost', {}, { wh: t.wh, config: parseConfig({}, '(test)'), baseDir: t.dir });
});
after(() => t.cleanup());

test('record_costs prices dated, tiered, time-of-day and cached usage exactly as genai-prices calcPrice does', async () => {
  const rows = await t.wh.all<{ id: string; model: string; ts: string; input_tokens: number; cached_input_tokens: number; output_tokens: number; cost_usd: number | null }>(
    'SELECT id, model, ts, input_tokens, cached_input_tokens, output_tokens, cost_usd FROM record_costs ORDER BY id',
  );
  assert.equal(rows.length, IDS.length * TIMES.length * USAGES.length);
  for (const r of rows) {
    const theirs = calcPrice({ input_tokens: r.input_tokens, cache_read_tokens: r.cached_input_tokens, output_tokens: r.output_tokens }, r.model, { timestamp: new Date(r.ts) });
    if (!theirs) {
      assert.equal(r.cost_usd, null, `${r.model}: genai-prices has no price for it, nor do we`);
      continue;
    }
    assert.ok(r.cost_usd !== null && Math.abs(r.cost_usd - theirs.total_price) <= 1e-12 + 1e-9 * theirs.total_price, `${r.model} at ${r.ts}: ${r.cost_usd} vs ${theirs.total_price}`);
  }
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { calcPrice, waitForUpdate } from '@pydantic/genai-prices';
import { loadCatalogue, type Catalogue } from '../../../data/cost/catalogue.ts';
import { resolveModel } from '../../../data/cost/resolve.ts';
import { Warehouse } from '../../../data/warehouse.ts';

let wh: Warehouse;
let cat: Catalogue;
before(async () => {
  wh = await Warehouse.open(':memory:');
  cat = await loadCatalogue(wh, null);
});
after(() => wh.close());

test('dated and aliased ids resolve to their family; near misses do not', () => {
  const cases: [string, string | null][] = [
    ['gpt-4o-mini-2024-07-18', 'openai/gpt-4o-mini'],
    ['gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['gpt-4o-mini', 'openai/gpt-4o-mini'],
    ['gpt-4o', 'openai/gpt-4o'],
    ['GPT-4o-Mini ', 'openai/gpt-4o-mini'],
    ['gpt-4o-2024-05-13', 'openai/gpt-4o-2024-05-13'],
    ['claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4-0'],
    ['claude-3-5-haiku-20241022', 'anthropic/claude-3-5-haiku-latest'],
    ['gemini-2.0-flash', 'google/gemini-2.0-flash'],
    ['acme-invoice-ft-v2', null],
    ['gpt-4o-mini-2099-01-01', null],
  ];
  for (const [id, want] of cases) {
    const r = resolveModel(cat, id);
    assert.equal(r ? `${r.entry.provider}/${r.entry.model}` : null, want, id);
  }
});

test('resolution agrees with genai-prices on every id its providers list', async () => {
  const ids = new Set<string>();
  const collect = (m: unknown): void => {
    if (!m || typeof m !== 'object') return;
    for (const [k, v] of Object.entries(m)) {
      if (k === 'equals' && typeof v === 'string') ids.add(v);
      else if (Array.isArray(v)) v.forEach(collect);
    }
  };
  for (const p of (await waitForUpdate()) ?? []) for (const m of p.models) collect(m.match);
  for (const extra of ['claude-opus-4-20250514', 'gemini-2.5-pro-preview-tts', 'o3-mini-2025-01-31', 'mistral-large-2411', 'deepseek-chat', 'grok-3-mini']) ids.add(extra);
  let compared = 0;
  for (const id of ids) {
    const ours = resolveModel(cat, id);
    const theirs = calcPrice({ input_tokens: 1000, output_tokens: 100 }, id);
    assert.equal(ours ? `${ours.entry.provider}/${ours.entry.model}` : null, theirs ? `${theirs.provider.id}/${theirs.model.id}` : null, id);
    compared++;
  }
  assert.ok(compared > 1000, `${compared} ids compared`);
});

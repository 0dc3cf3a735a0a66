import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { calcPrice, waitForUpdate } from '@pydantic/genai-prices';
import { buildCatalogue, loadCatalogue, SHIPPED_PRICES, SHIPPED_PROVIDERS, type Catalogue } from '../../../data/cost/catalogue.ts';
import { readPriceFile, readProviderFile } from '../../../data/cost/priceFile.ts';
import { resolveModel } from '../../../data/cost/resolve.ts';
import { Warehouse } from '../../../data/warehouse.ts';
import { tempDir } from '../../helpers/tempWarehouse.ts';

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
  let prefixed = 0;
  for (const id of ids) {
    const ours = resolveModel(cat, id);
    const theirs = calcPrice({ input_tokens: 1000, output_tokens: 100 }, id);
    if (theirs || ours?.matched_by !== 'provider_prefix') {
      assert.equal(ours ? `${ours.entry.provider}/${ours.entry.model}` : null, theirs ? `${theirs.provider.id}/${theirs.model.id}` : null, id);
    } else {
      // a `provider/model` id genai-prices prices when told the id is LiteLLM's: the same model, of that provider or one of its fallbacks
      const viaPrefix = calcPrice({ input_tokens: 1000, output_tokens: 100 }, id, { providerId: 'litellm' });
      assert.equal(ours.entry.model, viaPrefix?.model.id, id);
      assert.ok([viaPrefix!.provider.id, ...(viaPrefix!.provider.fallback_model_providers ?? [])].includes(ours.entry.provider), id);
      prefixed++;
    }
    compared++;
  }
  assert.ok(compared > 1000, `${compared} ids compared`);
  assert.ok(prefixed > 10, `${prefixed} provider/model ids compared`);
});

test("the user's file is tried first, dated suffixes are normalised, and open-model hosts are tried only when configured", async () => {
  const file = join(tempDir(), 'mine.csv');
  writeFileSync(file, 'model,match,input_mtok\nour-4o,starts_with:gpt-4o-2024-08,1\nacme,equals:acme-2025-05-14,1\n');
  const mine = buildCatalogue(await readPriceFile(wh, SHIPPED_PRICES, 'shipped'), await readProviderFile(wh, SHIPPED_PROVIDERS), await readPriceFile(wh, file, 'user'));
  assert.equal(resolveModel(mine, 'gpt-4o-2024-08-06')?.entry.model, 'our-4o');
  assert.equal(resolveModel(mine, 'gpt-4o-2024-08-06')?.matched_by, 'user_file');
  assert.equal(resolveModel(mine, 'gpt-4o-2024-11-20')?.entry.model, 'gpt-4o', 'other snapshots still get the shipped price');
  assert.deepEqual([resolveModel(mine, 'acme-20250514')?.entry.model, resolveModel(mine, 'acme-20250514')?.normalised_id], ['acme', 'acme-2025-05-14']);
  assert.equal(resolveModel(cat, 'llama-3.3-70b-versatile'), null, 'genai-prices needs the provider for it');
  const viaGroq = resolveModel(cat, 'llama-3.3-70b-versatile', ['groq']);
  assert.deepEqual([viaGroq?.entry.provider, viaGroq?.matched_by], ['groq', 'configured_provider']);
  assert.equal(resolveModel(cat, 'gpt-4o-mini-2024-07-18', ['groq'])?.entry.provider, 'openai', 'a claimed id never falls through to a configured host');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * Model ids as gateways, routers and clouds write them, each with the genai-prices provider that prices it
 * when told (LiteLLM's `provider/model` ids; Bedrock's, OpenAI fine-tunes and OpenRouter's through
 * cost.fallback_providers). Each record must cost what calcPrice says with that provider: 10,000 input tokens
 * (2,000 of them cached) and 1,000 output tokens on 2026-06-16.
 */
const IDS: [id: string, providerId: string, price: string][] = [
  ['openai/gpt-4o', 'litellm', 'openai/gpt-4o'],
  ['azure/gpt-4o-mini', 'litellm', 'openai/gpt-4o-mini'],
  ['anthropic/claude-3-5-sonnet-20241022', 'litellm', 'anthropic/claude-3-5-sonnet'],
  ['bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0', 'litellm', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
  ['google/gemini-2.5-pro', 'litellm', 'google/gemini-2.5-pro'],
  ['mistral/mistral-large-latest', 'litellm', 'mistral/mistral-large'],
  ['groq/llama-3.3-70b-versatile', 'litellm', 'groq/llama-3.3-70b-versatile'],
  ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
  ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'aws', 'aws/regional.anthropic.claude-sonnet-4-20250514-v1:0'],
  ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'openai', 'openai/ft:gpt-4o-mini'],
  ['meta-llama/llama-3.1-70b-instruct', 'openrouter', 'openrouter/meta-llama/llama-3.1-70b-instruct'],
];
const TS = '2026-06-16T10:00:00Z';
const USAGE = { input_tokens: 10_000, cache_read_tokens: 2_000, output_tokens: 1_000 };

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  await insertRecords(t.wh, [
    ...IDS.map(([model], i) => ({ id: `r${i}`, ts: TS, model, input_tokens: USAGE.input_tokens, cached_input_tokens: USAGE.cache_read_tokens, output_tokens: USAGE.output_tokens })),
    { id: 'gpt', ts: TS, model: 'gpt-4o-mini-2024-07-18', input_tokens: 1000, output_tokens: 100 },
    { id: 'unknown', ts: TS, model: 'acme/house-model', input_tokens: 1000, output_tokens: 100 },
  ]);
  const config = parseConfig({ cost: { fallback_providers: ['aws', 'openai', 'openrouter'] } }, '(test)');
  await runJob('cost', {}, { wh: t.wh, config, baseDir: t.dir });
});
after(() => t.cleanup());

test('provider-prefixed, Bedrock, fine-tuned and OpenRouter ids cost what genai-prices charges with their provider', async () => {
  const rows = await t.wh.all<{ id: string; model: string; cost_usd: number | null; provider: string | null; price_model: string | null; unpriced_reason: string | null }>(
    'SELECT id, model, cost_usd, provider, price_model, unpriced_reason FROM record_costs',
  );
  for (const [i, [id, providerId, price]] of IDS.entries()) {
    const r = rows.find((x) => x.id === `r${i}`)!;
    const theirs = calcPrice(USAGE, id, { providerId, timestamp: new Date(TS) });
    assert.ok(theirs, `genai-prices prices ${id} with provider ${providerId}`);
    assert.equal(`${r.provider}/${r.price_model}`, price, id);
    assert.ok(r.cost_usd !== null && Math.abs(r.cost_usd - theirs.total_price) <= 1e-12 + 1e-9 * theirs.total_price, `${id}: ${r.cost_usd ?? r.unpriced_reason} vs ${theirs.total_price}`);
  }
  const gpt = rows.find((r) => r.id === 'gpt')!;
  assert.equal(`${gpt.provider}/${gpt.price_model}`, 'openai/gpt-4o-mini', 'a claimed id keeps its provider whatever fallback_providers lists');
  const unknown = rows.find((r) => r.id === 'unknown')!;
  assert.deepEqual([unknown.cost_usd, unknown.unpriced_reason], [null, 'no price entry matches this model id'], 'a prefix that names no provider stays unpriced');
});

test('model_prices says how each id found its price: the prefix taken off, or the configured provider', async () => {
  const rows = await t.wh.all<{ model: string; matched_by: string }>(
    `SELECT DISTINCT model, matched_by FROM model_prices WHERE model IN ('openai/gpt-4o', 'anthropic.claude-3-5-sonnet-20240620-v1:0') ORDER BY model`,
  );
  assert.deepEqual(rows, [
    { model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', matched_by: 'configured_provider' },
    { model: 'openai/gpt-4o', matched_by: 'provider_prefix (as gpt-4o)' },
  ]);
});

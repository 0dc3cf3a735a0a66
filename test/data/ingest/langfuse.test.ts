import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, ingest, MAPPED_FIELDS, pick, quarantineRows, storedRecords } from '../../helpers/ingest.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

test('langfuse: generations from an API page and a blob-storage export become canonical records, cached tokens counted into input_tokens', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('langfuse_observations.json'), fixture('langfuse_export.jsonl')], mapping: 'langfuse' });
    const rows = await storedRecords(t.wh); // by id
    assert.deepEqual(
      rows.map((x) => pick(x, [...MAPPED_FIELDS])),
      [
        // usageDetails.input is 263: Langfuse took the 1024 cached tokens out of it. All 1287 were read.
        { id: 'lf-0001', ts: '2026-11-02T10:00:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'triage@3', category: 'billing', confidence: 0.92, input_tokens: 1287, output_tokens: 14, cached_input_tokens: 1024, latency_ms: 812, status: 'ok', fallback: false },
        // 22 uncached + 1024 read from the cache + 2048 written to it.
        { id: 'lf-0002', ts: '2026-11-02T10:01:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'claude-sonnet-4-5-20250929', prompt_version: 'reply-v2', category: null, confidence: null, input_tokens: 3094, output_tokens: 120, cached_input_tokens: 1024, latency_ms: 6210, status: 'ok', fallback: true },
        // 40 visible + 256 reasoning tokens are the output the call was billed for.
        { id: 'lf-0003', ts: '2026-11-02T10:02:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'o4-mini-2025-04-16', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 500, output_tokens: 296, cached_input_tokens: 0, latency_ms: 3500, status: 'ok', fallback: false },
        { id: 'lf-0004', ts: '2026-11-02T10:03:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 120, status: 'error', fallback: false },
        { id: 'lf-0005', ts: '2026-11-02T10:04:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 30000, status: 'timeout', fallback: false },
        // The blob export: snake_case columns, UTC times without a zone, 64-bit integers as strings, input/output as JSON text.
        { id: 'lf-0101', ts: '2026-11-02T10:10:00.123Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini', prompt_version: 'triage@4', category: 'shipping', confidence: 0.7, input_tokens: 600, output_tokens: 9, cached_input_tokens: 512, latency_ms: 900, status: 'ok', fallback: false },
        { id: 'lf-0102', ts: '2026-11-02T10:11:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o-mini', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 2500, status: 'timeout', fallback: false },
      ],
    );
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    // The last user message is the input (redacted), the assistant message's content or the text blocks the output.
    assert.equal(byId['lf-0001'].input, 'I was charged twice, mail me at [EMAIL]');
    assert.equal(byId['lf-0001'].output, '{"category":"billing"}');
    assert.equal(byId['lf-0002'].input, 'Draft a reply to: where is my order?');
    assert.equal(byId['lf-0002'].output, 'Your order ships tomorrow.');
    assert.equal(byId['lf-0003'].input, 'Summarize: the customer wants a refund');
    assert.equal(byId['lf-0101'].input, 'Where is my parcel?');
    assert.deepEqual(pick(byId['lf-0001'].metadata as Record<string, unknown>, ['trace_id', 'langfuse_cost', 'user_id']), { trace_id: 'tr-lf-0001', langfuse_cost: 0.0001247, user_id: 'acme' });
    assert.deepEqual(pick(byId['lf-0002'].metadata as Record<string, unknown>, ['usage_details']), {
      usage_details: { input: 22, cache_read_input_tokens: 1024, cache_creation_input_tokens: 2048, output: 120, total: 3214 },
    });
    // Still running when exported: no end time, no latency.
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.file, q.reason, q.field, JSON.parse(q.raw!).id]), [['langfuse_observations.json', 'missing_field', 'latency_ms', 'lf-0008']]);
    // The span and the embedding are no model calls, the trace (export line 4) no observation; the empty page holds no records.
    const filtered = Object.fromEntries(r.result.output.filtered_reasons.map((f) => [f.reason, f.records]));
    assert.deepEqual(filtered, { not_a_generation: 3, empty_batch: 1 });
  }));

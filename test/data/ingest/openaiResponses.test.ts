import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, ingest, MAPPED_FIELDS, pick, quarantineRows, storedRecords } from '../../helpers/ingest.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

test('openai_responses: Response objects, bare, in a gateway envelope or as a stream\'s final event, become canonical records', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('openai_responses.jsonl')], mapping: 'openai_responses' });
    assert.equal(r.result.output.mapping, 'openai_responses');
    const rows = await storedRecords(t.wh); // by id
    assert.deepEqual(
      rows.map((x) => pick(x, [...MAPPED_FIELDS])),
      [
        // Failures the gateway saw without a Response: no tokens used; a timeout told by the error.
        { id: 'gw-7f32', ts: '2026-11-02T10:07:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4.1', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 95, status: 'error', fallback: false },
        { id: 'gw-7f33', ts: '2026-11-02T10:08:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4.1', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 600000, status: 'timeout', fallback: false },
        // input_tokens includes the cached ones, output_tokens the reasoning ones (as the API counts them); a bare
        // Response's latency is completed_at - created_at, to the second.
        { id: 'resp_0a1b2c3d4e5f0001', ts: '2026-11-02T10:00:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'o4-mini-2025-04-16', prompt_version: 'triage-v3', category: 'billing', confidence: 0.92, input_tokens: 1287, output_tokens: 46, cached_input_tokens: 1024, latency_ms: 2000, status: 'ok', fallback: false },
        { id: 'resp_0a1b2c3d4e5f0002', ts: '2026-11-02T10:01:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'reply-v8', category: null, confidence: null, input_tokens: 640, output_tokens: 22, cached_input_tokens: 0, latency_ms: 1834.5, status: 'ok', fallback: true },
        { id: 'resp_0a1b2c3d4e5f0003', ts: '2026-11-02T10:02:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 300, output_tokens: 12, cached_input_tokens: 0, latency_ms: 1000, status: 'ok', fallback: false },
        // Cut short at max_output_tokens: the answer is broken, so an error, with the tokens it cost.
        { id: 'resp_0a1b2c3d4e5f0004', ts: '2026-11-02T10:03:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 310, output_tokens: 64, cached_input_tokens: 0, latency_ms: 2950, status: 'error', fallback: false },
        // A reusable prompt is versioned by its id and version.
        { id: 'resp_0a1b2c3d4e5f0005', ts: '2026-11-02T10:04:00.000Z', tenant_id: 'acme', workflow: 'order_agent', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'pmpt_68b0aa12@4', category: null, confidence: null, input_tokens: 900, output_tokens: 18, cached_input_tokens: 512, latency_ms: 700, status: 'ok', fallback: false },
        { id: 'resp_0a1b2c3d4e5f0006', ts: '2026-11-02T10:05:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 120, output_tokens: 9, cached_input_tokens: 0, latency_ms: 410, status: 'ok', fallback: false },
        { id: 'resp_0a1b2c3d4e5f0007', ts: '2026-11-02T10:06:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4.1-mini-2025-04-14', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 5120, status: 'error', fallback: false },
      ],
    );
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    // The request's last user message (its input_text parts) is the input, redacted; the message items' text the output.
    assert.equal(byId['resp_0a1b2c3d4e5f0002'].input, 'My email is [EMAIL], where is my parcel?');
    assert.equal(byId['gw-7f32'].input, 'Summarize ticket 50013');
    assert.equal(byId['resp_0a1b2c3d4e5f0001'].output, '{"category":"billing","reason":"double charge"}');
    assert.equal(byId['resp_0a1b2c3d4e5f0005'].output, null); // a function call only
    assert.equal(byId['resp_0a1b2c3d4e5f0006'].output, "I can't help with that."); // a refusal
    const meta = (id: string, keys: string[]) => pick(byId[id].metadata as Record<string, unknown>, keys);
    assert.deepEqual(meta('resp_0a1b2c3d4e5f0001', ['response_status', 'reasoning_tokens', 'service_tier']), { response_status: 'completed', reasoning_tokens: 32, service_tier: 'default' });
    assert.deepEqual(meta('resp_0a1b2c3d4e5f0004', ['response_status', 'incomplete_reason']), { response_status: 'incomplete', incomplete_reason: 'max_output_tokens' });
    assert.deepEqual(meta('resp_0a1b2c3d4e5f0007', ['error_code']), { error_code: 'server_error' });
    assert.deepEqual(meta('gw-7f32', ['error_code', 'request_id']), { error_code: 'rate_limit_exceeded', request_id: 'gw-7f32' });
    // A bare failed Response has no latency at all: quarantined rather than loaded with one made up.
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[12, 'missing_field', 'latency_ms']]);
    // A stream's delta event and a background response still queued are no finished requests.
    const filtered = r.result.output.filtered_reasons.map((f) => [f.reason, f.records, Number(f.first_seen_at.split(':').pop())]);
    assert.deepEqual(filtered.sort((a, b) => Number(a[2]) - Number(b[2])), [
      ['stream_event', 1, 3],
      ['not_finished', 1, 11],
    ]);
  }));

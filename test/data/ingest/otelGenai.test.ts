import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture, ingest, pick, storedRecords } from '../../helpers/ingest.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

const COLUMNS = ['id', 'tenant_id', 'workflow', 'model', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'latency_ms', 'status', 'input', 'output'] as const;

test("otel_genai: an agent's span, its tool calls and embeddings are not counted as model calls; OpenLLMetry's older attribute names load", () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('otel_genai_agents.jsonl')], mapping: 'otel_genai' });
    assert.deepEqual((await storedRecords(t.wh)).map((x) => pick(x, [...COLUMNS])), [
      // Only the two model calls: the invoke_agent span's 900 + 60 tokens are theirs summed.
      { id: 'chatcmpl-agent-1', tenant_id: 'acme', workflow: 'refund_agent', model: 'gpt-4o-mini', input_tokens: 400, output_tokens: 20, cached_input_tokens: 0, latency_ms: 1500, status: 'ok', input: null, output: null },
      { id: 'chatcmpl-agent-2', tenant_id: 'acme', workflow: 'refund_agent', model: 'gpt-4o-mini', input_tokens: 500, output_tokens: 40, cached_input_tokens: 0, latency_ms: 1600, status: 'ok', input: null, output: null },
      // gen_ai.usage.prompt_tokens / completion_tokens / cache_read_input_tokens, gen_ai.prompt.N.* (the last user message).
      { id: 'chatcmpl-llmetry-1', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini-2024-07-18', input_tokens: 1300, output_tokens: 42, cached_input_tokens: 1024, latency_ms: 1500, status: 'ok', input: 'Ticket 50012 from [EMAIL]: refund please', output: 'Customer wants a refund.' },
    ]);
    assert.deepEqual(r.result.output.filtered_reasons.map((f) => [f.reason, f.records]), [['not_a_completion', 3]]);
    assert.equal(r.result.counts.quarantined, 0);
  }));

test("otel_genai: spans as the Python SDK's console exporter prints them (indented, context.span_id, ISO times) load; messages attributes give the text", () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('otel_console.json')], mapping: 'otel_genai' });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(rows.map((x) => pick(x, ['id', 'ts', ...COLUMNS])), [
      { id: '0x051581bf3cb55c13', ts: '2026-11-02T10:05:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o-2024-08-06', input_tokens: 640, output_tokens: 22, cached_input_tokens: 0, latency_ms: 2250, status: 'ok', input: 'Where is my order?', output: 'It ships tomorrow.' },
      { id: '0x251581bf3cb55c13', ts: '2026-11-02T10:06:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o', input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 30000, status: 'timeout', input: null, output: null },
    ]);
    assert.deepEqual(pick(rows[0].metadata as Record<string, unknown>, ['trace_id', 'span_id']), { trace_id: '0x5b8efff798038103d269b633813fc60c', span_id: '0x051581bf3cb55c13' });
    // The HTTP client span (document 2) is no GenAI operation.
    assert.deepEqual(r.result.output.filtered_reasons.map((f) => [f.reason, f.records, f.first_seen_at.split(':').pop()]), [['not_genai_span', 1, '2']]);
  }));

test('otel_genai: a failed or timed-out call that reports no usage loads with 0 tokens and its status (an OTLP export)', () =>
  withWarehouse(async (t) => {
    const span = (id: string, status: Record<string, unknown>, usage: boolean, errorType = status.message === 'Request timed out.' ? 'timeout' : '500') => ({
      traceId: '5b8efff798038103d269b633813fc60c', spanId: id, name: 'chat gpt-4o', startTimeUnixNano: '1793613600000000000', endTimeUnixNano: '1793613630000000000',
      attributes: [
        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
        { key: 'assay.tenant_id', value: { stringValue: 'acme' } },
        ...(usage ? [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '12' } }, { key: 'gen_ai.usage.output_tokens', value: { intValue: '3' } }] : []),
        ...(status.code === 2 ? [{ key: 'error.type', value: { stringValue: errorType } }] : []),
      ],
      status,
    });
    const file = join(t.dir, 'otlp_errors.jsonl');
    const exportLine = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'support' } }] }, scopeSpans: [{ spans: [
      span('a1', { code: 2, message: 'Request timed out.' }, false),
      span('a2', { code: 2, message: 'Internal server error' }, false),
      span('a3', {}, true),
      span('a4', { code: 1 }, false), // a call that succeeded without usage is still missing it
      // the OpenAI instrumentation's exception class and its message over two lines ('.*timeout.*' stopped at the break)
      span('a5', { code: 2, message: 'APITimeoutError:\nRequest timed out.' }, false, 'APITimeoutError'),
      span('a6', { code: 2, message: 'InternalServerError:\nError code: 500' }, false, 'InternalServerError'),
    ] }] }] };
    writeFileSync(file, `${JSON.stringify(exportLine)}\n`);
    const r = await ingest(t, { paths: [file], mapping: 'otel_genai' });
    assert.deepEqual((await storedRecords(t.wh)).map((x) => pick(x, ['id', 'status', 'input_tokens', 'output_tokens'])), [
      { id: 'a1', status: 'timeout', input_tokens: 0, output_tokens: 0 },
      { id: 'a2', status: 'error', input_tokens: 0, output_tokens: 0 },
      { id: 'a3', status: 'ok', input_tokens: 12, output_tokens: 3 },
      { id: 'a5', status: 'timeout', input_tokens: 0, output_tokens: 0 },
      { id: 'a6', status: 'error', input_tokens: 0, output_tokens: 0 },
    ]);
    assert.deepEqual(r.result.output.quarantine_reasons.map((q) => [q.reason, q.field, q.records]), [['missing_field', 'input_tokens', 1]]);
  }));

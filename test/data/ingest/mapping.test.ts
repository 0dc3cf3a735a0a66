import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../helpers/cli.ts';
import { fixture, ingest, MAPPED_FIELDS, pick, quarantineRows, storedRecords } from '../../helpers/ingest.ts';
import { tempWarehouse, withWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

test('openai_chat: Chat Completions log lines, including cached tokens and failed calls, become canonical records', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('openai_chat.jsonl')], mapping: 'openai_chat' });
    assert.equal(r.result.output.mapping, 'openai_chat');
    const rows = await storedRecords(t.wh);
    assert.deepEqual(
      rows.map((x) => pick(x, [...MAPPED_FIELDS])),
      [
        { id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', ts: '2025-11-02T10:00:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'triage-v3', category: 'billing', confidence: 0.92, input_tokens: 1287, output_tokens: 14, cached_input_tokens: 1024, latency_ms: 812.4, status: 'ok', fallback: false },
        { id: 'chatcmpl-B9MC1xYq2Lr0aZbWvTtPq1nQhUe7S', ts: '2025-11-02T10:01:01.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o-2024-08-06', prompt_version: 'reply-v8', category: 'answer', confidence: null, input_tokens: 640, output_tokens: 22, cached_input_tokens: 0, latency_ms: 2310, status: 'ok', fallback: true },
        { id: 'gw-req-7f3a', ts: '2025-11-02T10:03:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini', prompt_version: 'summ-v4', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 30000, status: 'timeout', fallback: false },
        { id: 'gw-req-7f3b', ts: '2025-11-02T10:03:10.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 120, status: 'error', fallback: false },
      ],
    );
    // The last user message is the input (text parts of a multi-part message joined), redacted.
    assert.equal(rows[0].input, 'Hi, I was charged twice this month. Reach me at [EMAIL] or [PHONE].');
    assert.equal(rows[1].input, 'Draft a reply to: my card [CARD] was charged for order 200123.');
    assert.equal(rows[0].output, '{"category":"billing","reason":"double charge"}');
    assert.deepEqual(pick(rows[3].metadata as Record<string, unknown>, ['error_code']), { error_code: 'rate_limit_exceeded' });
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[5, 'negative_value', 'input_tokens']]);
  }));

test('openai_chat: a gateway timeout written as an error string or code is a timeout; a refusal is the output', () =>
  withWarehouse(async (t) => {
    const line = (id: string, extra: Record<string, unknown>) =>
      JSON.stringify({ request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], metadata: { request_id: id, tenant_id: 'acme', workflow: 'wf' } }, timestamp: 1762077790, latency_ms: 30000, ...extra });
    const file = join(t.dir, 'gateway.jsonl');
    writeFileSync(file, [
      line('g1', { error: '504 Gateway Timeout' }),
      line('g2', { error: { message: 'connect failed', code: 'ETIMEDOUT' } }),
      line('g3', { error: { message: 'Upstream returned 5040 bytes of garbage', type: 'server_error' } }),
      line('g4', { id: 'chatcmpl-r', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: "I can't help with that." } }], usage: { prompt_tokens: 5, completion_tokens: 6 } }),
    ].join('\n'));
    await ingest(t, { paths: [file], mapping: 'openai_chat' });
    assert.deepEqual((await storedRecords(t.wh)).map((x) => pick(x, ['id', 'status', 'output'])), [
      { id: 'chatcmpl-r', status: 'ok', output: "I can't help with that." },
      { id: 'g1', status: 'timeout', output: null },
      { id: 'g2', status: 'timeout', output: null },
      { id: 'g3', status: 'error', output: null },
    ]);
  }));

test('anthropic_messages: Messages API log lines become canonical records, cache reads and writes counted into input_tokens', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('anthropic_messages.jsonl')], mapping: 'anthropic_messages' });
    const rows = await storedRecords(t.wh); // by id
    assert.deepEqual(
      rows.map((x) => pick(x, [...MAPPED_FIELDS])),
      [
        { id: 'gw-a4', ts: '2025-11-03T09:03:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'claude-opus-4-1', prompt_version: 'summ-v4', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 60000, status: 'timeout', fallback: false },
        // 310 uncached + 2048 written to the cache (charged as input), none read; the tenant is request.metadata.user_id.
        { id: 'msg_01Aq9w938a90dw8q', ts: '2025-11-03T09:01:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'claude-3-5-haiku-20241022', prompt_version: 'reply-v2', category: null, confidence: null, input_tokens: 2358, output_tokens: 120, cached_input_tokens: 0, latency_ms: 6210, status: 'ok', fallback: true },
        // 22 uncached + 1024 read from the cache: Assay's input_tokens includes cached ones.
        { id: 'msg_01XFDUDYJgAACzvnptvVoYEL', ts: '2025-11-03T09:00:00.412Z', tenant_id: 'acme', workflow: 'support_triage', model: 'claude-sonnet-4-5-20250929', prompt_version: 'triage-v4', category: 'billing', confidence: 0.88, input_tokens: 1046, output_tokens: 14, cached_input_tokens: 1024, latency_ms: 1843.2, status: 'ok', fallback: false },
        { id: 'req_011CUrFx2sN3g9bUhT4ZpD7q', ts: '2025-11-03T09:02:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'claude-opus-4-1', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 402, status: 'error', fallback: false },
      ],
    );
    // The last user message's text blocks are the input, the answer's text blocks the output (tool calls left out), redacted.
    assert.equal(rows[2].input, 'I was billed twice. Email me at [EMAIL]');
    assert.equal(rows[2].output, '{"category":"billing","priority":"high"}');
    assert.equal(rows[1].input, 'Draft a reply to this screenshot.\nCall [PHONE] if unclear.');
    assert.equal(rows[1].output, 'Thanks for the screenshot.\nI have checked your order.');
    assert.deepEqual(pick(rows[2].metadata as Record<string, unknown>, ['stop_reason', 'service_tier', 'cache_creation_input_tokens']), { stop_reason: 'end_turn', service_tier: 'standard', cache_creation_input_tokens: 0 });
    assert.deepEqual(pick(rows[1].metadata as Record<string, unknown>, ['stop_reason', 'cache_creation_input_tokens']), { stop_reason: 'tool_use', cache_creation_input_tokens: 2048 });
    assert.deepEqual(pick(rows[3].metadata as Record<string, unknown>, ['error_type']), { error_type: 'overloaded_error' });
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[5, 'ill_typed', 'input_tokens']]);
    assert.equal(r.result.counts.read, 5);
  }));

test('litellm: StandardLoggingPayload lines and bucket-logger objects become canonical records; embeddings are counted as filtered', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('litellm.jsonl'), fixture('litellm_object.json')], mapping: 'litellm' });
    const rows = await storedRecords(t.wh); // by id
    // endTime - startTime in epoch seconds, to the microsecond (binary fractions of a second are not exact).
    const ms = (x: { latency_ms: number }) => ({ ...x, latency_ms: Math.round(x.latency_ms * 1000) / 1000 });
    assert.deepEqual(
      rows.map((x) => ms(pick(x, ['id', 'ts', 'tenant_id', 'workflow', 'model', 'prompt_version', 'category', 'confidence', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'latency_ms', 'status']))),
      [
        { id: 'chatcmpl-9f8e7d6c5b', ts: '2025-11-03T09:01:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'claude-sonnet-4-5-20250929', prompt_version: 'reply-v8', category: null, confidence: null, input_tokens: 1046, output_tokens: 120, cached_input_tokens: 1024, latency_ms: 6210, status: 'ok' },
        { id: 'chatcmpl-CXa1b2c3d4', ts: '2025-11-03T09:00:00.125Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'triage-v3', category: 'billing', confidence: 0.91, input_tokens: 1287, output_tokens: 14, cached_input_tokens: 1024, latency_ms: 812, status: 'ok' },
        { id: 'f1a2b3c4-ratelimit', ts: '2025-11-03T09:01:30.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 310, status: 'error' },
        { id: 'f1a2b3c4-timeout', ts: '2025-11-03T09:01:20.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 60000, status: 'timeout' },
      ],
    );
    assert.equal(rows[1].input, 'I was charged twice, reach me at [EMAIL]');
    assert.equal(rows[0].output, 'Your order ships tomorrow.');
    assert.deepEqual(pick(rows[1].metadata as Record<string, unknown>, ['call_type', 'litellm_response_cost', 'provider', 'key_alias']), {
      call_type: 'acompletion', litellm_response_cost: 0.00024, provider: 'openai', key_alias: 'support-triage-prod',
    });
    assert.deepEqual(pick(rows[2].metadata as Record<string, unknown>, ['error_class', 'error_code']), { error_class: 'RateLimitError', error_code: '429' });
    // The embedding call is no completion: filtered, not quarantined; the bucket object repeats line 2.
    const { read, loaded, quarantined, duplicates, filtered } = r.result.counts;
    assert.deepEqual({ read, loaded, quarantined, duplicates, filtered }, { read: 6, loaded: 4, quarantined: 0, duplicates: 1, filtered: 1 });
    assert.deepEqual(r.result.output.filtered_reasons.map((f) => [f.reason, f.records]), [['not_a_completion', 1]]);
  }));

test('otel_genai: spans one per line, with OTLP key/value attributes or a flat map, become canonical records', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('otel_genai.jsonl')], mapping: 'otel_genai' });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(
      rows.map((x) => pick(x, ['id', 'ts', 'tenant_id', 'workflow', 'model', 'prompt_version', 'category', 'confidence', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'latency_ms', 'status', 'human_override', 'input'])),
      [
        { id: 'chatcmpl-otel-1', ts: '2025-11-02T10:00:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18', prompt_version: 'triage-v3', category: 'billing', confidence: 0.92, input_tokens: 1287, output_tokens: 14, cached_input_tokens: 1024, latency_ms: 912, status: 'ok', human_override: true, input: null },
        { id: 'eee19b7ec3c1b175', ts: '2025-11-02T10:01:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 640, output_tokens: 22, cached_input_tokens: 0, latency_ms: 2500, status: 'ok', human_override: false, input: 'Draft a reply to [EMAIL]' },
        { id: 'eee19b7ec3c1b176', ts: '2025-11-02T10:02:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gpt-4o-mini', prompt_version: 'unversioned', category: null, confidence: null, input_tokens: 300, output_tokens: 0, cached_input_tokens: 0, latency_ms: 30000, status: 'timeout', human_override: false, input: null },
      ],
    );
    assert.deepEqual(pick(rows[0].metadata as Record<string, unknown>, ['trace_id', 'operation', 'provider']), {
      trace_id: '5b8efff798038103d269b633813fc60c', operation: 'chat', provider: 'openai',
    });
  }));

test('otel_genai: a collector export (resourceSpans) yields one record per GenAI span, with resource attributes, on its line', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('otel_genai_export.jsonl')], mapping: 'otel_genai' });
    const rows = await t.wh.all(`SELECT id, tenant_id, workflow, model, status, input_tokens, cached_input_tokens, latency_ms, source_line FROM records ORDER BY ts`);
    assert.deepEqual(rows, [
      { id: 'chatcmpl-export-1', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18', status: 'ok', input_tokens: 412, cached_input_tokens: 0, latency_ms: 640, source_line: 1 },
      { id: 'd7ad6b7169203333', tenant_id: 'globex', workflow: 'draft_reply', model: 'claude-sonnet-4-20250514', status: 'error', input_tokens: 900, cached_input_tokens: 512, latency_ms: 3100, source_line: 2 },
    ]);
    // The bad span is quarantined on its export line with its own text, not the whole batch.
    const q = await quarantineRows(t.wh);
    assert.deepEqual(q.map((x) => [x.line, x.reason, x.field]), [[1, 'negative_value', 'input_tokens']]);
    assert.equal(JSON.parse(q[0].raw!).spanId, 'b7ad6b7169203332');
    // The HTTP span (line 1) and the database span (line 3) are no LLM requests, and line 4 is an export
    // holding no spans: each is counted as filtered with its reason, none is quarantined or lost.
    const { read, loaded, quarantined, filtered } = r.result.counts;
    assert.deepEqual({ read, loaded, quarantined, filtered }, { read: 6, loaded: 2, quarantined: 1, filtered: 3 });
    const file = fixture('otel_genai_export.jsonl');
    assert.deepEqual(r.result.output.filtered_reasons, [
      { reason: 'not_genai_span', records: 2, first_seen_at: `${file}:1` },
      { reason: 'empty_batch', records: 1, first_seen_at: `${file}:4` },
    ]);
    assert.deepEqual(await t.wh.all('SELECT reason, records, first_line FROM ingest_filtered WHERE ingest_run_id = $1 ORDER BY first_line', [r.runId]), [
      { reason: 'not_genai_span', records: 2, first_line: 1 },
      { reason: 'empty_batch', records: 1, first_line: 4 },
    ]);
    assert.deepEqual(await t.wh.one('SELECT records_read, records_filtered FROM ingest_batches'), { records_read: 6, records_filtered: 3 });
  }));

test('every shipped mapping reads a failure whose message runs over several lines and says it timed out as a timeout', () =>
  withWarehouse(async (t) => {
    // [mapping, fixture, record id, the message's path in it]: each fixture's timed-out call, its message now a
    // traceback (SIMILAR TO '.*timed out.*' never matched it: '.' stops at a line break, so it was an error)
    const cases: [string, string, string, string[]][] = [
      ['openai_chat', 'openai_chat.jsonl', 'gw-req-7f3a', ['error', 'message']],
      ['anthropic_messages', 'anthropic_messages.jsonl', 'gw-a4', ['error']],
      ['litellm', 'litellm.jsonl', 'f1a2b3c4-timeout', ['error_str']],
      ['openai_responses', 'openai_responses.jsonl', 'gw-7f33', ['error', 'message']],
      ['langfuse', 'langfuse_export.jsonl', 'lf-0102', ['status_message']],
      ['otel_genai', 'otel_genai.jsonl', 'eee19b7ec3c1b176', ['status', 'message']],
    ];
    const message = 'Traceback (most recent call last):\n  File "app.py", line 12, in classify\nopenai.APITimeoutError: Request timed out.';
    for (const [mapping, name, id, path] of cases) {
      const record = JSON.parse(readFileSync(fixture(name), 'utf8').split('\n').find((l) => l.includes(`"${id}"`))!) as Record<string, unknown>;
      const parent = path.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, record);
      parent[path.at(-1)!] = message;
      const file = join(t.dir, `${mapping}.jsonl`);
      writeFileSync(file, `${JSON.stringify(record)}\n`);
      await ingest(t, { paths: [file], mapping });
    }
    const status = Object.fromEntries((await t.wh.all<{ id: string; status: string }>('SELECT id, status FROM records')).map((r) => [r.id, r.status]));
    assert.deepEqual(cases.map(([mapping, , id]) => [mapping, status[id]]), cases.map(([mapping]) => [mapping, 'timeout']));
  }));

test('a custom mapping file loads another log shape: renames, SQL-derived fields, defaults', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('gateway.jsonl')], mapping: fixture('gateway.mapping.json') });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(rows.map((x) => pick(x, ['id', 'workflow', 'prompt_version', 'input', 'latency_ms', 'status', 'human_override', 'output_tokens', 'cached_input_tokens'])), [
      { id: 'gw-0001', workflow: 'support_triage', prompt_version: 'triage-v3', input: 'Refund please, IBAN [IBAN]', latency_ms: 812, status: 'ok', human_override: true, output_tokens: 10, cached_input_tokens: 128 },
      { id: 'gw-0002', workflow: 'support_triage', prompt_version: 'unversioned', input: 'where is my order', latency_ms: 30000, status: 'timeout', human_override: false, output_tokens: 0, cached_input_tokens: 0 },
    ]);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[3, 'negative_value', 'latency_ms']]);
  }));

test('a custom mapping without a source or a default for cached_input_tokens stores 0 where the record has none', () =>
  withWarehouse(async (t) => {
    const mapping = JSON.parse(readFileSync(fixture('gateway.mapping.json'), 'utf8')) as { fields: Record<string, unknown> };
    mapping.fields.cached_input_tokens = '$.usage.cache_read_tokens';
    await ingest(t, { paths: [fixture('gateway.jsonl')], mapping });
    assert.deepEqual(await t.wh.all('SELECT id, cached_input_tokens FROM records ORDER BY id'), [
      { id: 'gw-0001', cached_input_tokens: 128 },
      { id: 'gw-0002', cached_input_tokens: 0 },
    ]);
    delete mapping.fields.cached_input_tokens;
    const u = await tempWarehouse();
    try {
      await ingest(u, { paths: [fixture('gateway.jsonl')], mapping });
      assert.deepEqual(await u.wh.all('SELECT id, cached_input_tokens FROM records ORDER BY id'), [
        { id: 'gw-0001', cached_input_tokens: 0 },
        { id: 'gw-0002', cached_input_tokens: 0 },
      ]);
    } finally {
      u.cleanup();
    }
  }));

test("a mapping's epoch_ms ts reads a Unix time in milliseconds; a negative one is a bad_timestamp, not 1913", () =>
  withWarehouse(async (t) => {
    const mapping = JSON.parse(readFileSync(fixture('gateway.mapping.json'), 'utf8')) as { fields: Record<string, unknown> };
    mapping.fields.ts = { path: '$.t', as: 'epoch_ms' };
    const lines = readFileSync(fixture('gateway.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const file = join(t.dir, 'epoch.jsonl');
    writeFileSync(file, [{ ...lines[0], t: 1793613600123 }, { ...lines[1], t: -1793613600123 }].map((l) => JSON.stringify(l)).join('\n'));
    await ingest(t, { paths: [file], mapping });
    assert.deepEqual(await t.wh.all(`SELECT id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts FROM records`), [{ id: 'gw-0001', ts: '2026-11-02T10:00:00.123' }]);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[2, 'bad_timestamp', 'ts']]);
  }));

/** Writes a mapping file and expects ingest to refuse it with ASSAY_ERR_MAPPING naming the file and the key. */
async function rejectsMapping(t: TempWarehouse, mapping: unknown, key: RegExp): Promise<void> {
  const file = join(t.dir, 'my.mapping.json');
  writeFileSync(file, JSON.stringify(mapping));
  await assert.rejects(ingest(t, { paths: [fixture('gateway.jsonl')], mapping: file }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ASSAY_ERR_MAPPING');
    assert.match(e.message, /my\.mapping\.json/);
    assert.match(e.message, key);
    return true;
  });
  assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
}

test('mapping errors name the mapping file and the bad key', () =>
  withWarehouse(async (t) => {
    const base = { id: '$.request_id', ts: '$.startTime', tenant_id: '$.team', workflow: '$.w', model: '$.model', prompt_version: { default: 'v' }, input_tokens: '$.i', output_tokens: '$.o', latency_ms: '$.l', status: { default: 'ok' }, fallback: { default: false }, human_override: { default: false } };
    await rejectsMapping(t, { fields: { ...base, tenant: '$.team' } }, /mapping\.fields.*tenant/);
    await rejectsMapping(t, { fields: { ...base, model: 'model' } }, /mapping\.fields\.model: .*JSON path starts with \$/);
    await rejectsMapping(t, { fields: { ...base, workflow: undefined } }, /mapping\.fields\.workflow: required field has no source/);
    await rejectsMapping(t, { fields: { ...base, category: { sql: 'lower({$.label}' } } }, /mapping\.fields\.category\.sql: Parser Error/);
    await rejectsMapping(t, { fields: { ...base, category: { sql: 'no_such_function({$.label})' } } }, /mapping\.fields\.category\.sql: .*no_such_function/);
    await rejectsMapping(t, { fields: { ...base, ts: { path: '$.startTime', as: 'epoch_years' } } }, /mapping\.fields\.ts/);
    await rejectsMapping(t, { fields: base, filters: [{ keep: "{$.kind} = 'llm'", reason: 'health check' }] }, /mapping\.filters\.0\.reason: .*snake_case/);
    await rejectsMapping(t, { fields: base, filters: [{ keep: "lower({$.kind} = 'llm'", reason: 'not_llm' }] }, /mapping\.filters\.0\.keep: Parser Error/);
  }));

test('an unknown mapping name lists the shipped ones', () =>
  withWarehouse(async (t) => {
    await assert.rejects(ingest(t, { paths: [fixture('gateway.jsonl')], mapping: 'helicone' }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_MAPPING');
      assert.match(e.message, /'helicone'.*canonical, openai_chat, openai_responses, anthropic_messages, litellm, langfuse, otel_genai/);
      return true;
    });
  }));

test('the custom mapping shown in docs/ingest.md is the tested fixture', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'ingest.md'), 'utf8');
  const shown = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as { name?: string; fields?: unknown }).find((b) => b.fields);
  const tested = JSON.parse(readFileSync(fixture('gateway.mapping.json'), 'utf8')) as { description?: string };
  delete tested.description;
  assert.deepEqual(shown, tested);
});

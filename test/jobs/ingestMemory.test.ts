import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import { parseConfig } from '../../jobs/config.ts';
import { runJob } from '../../jobs/runJob.ts';
import { fixture } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';

/** `lines` as a JSONL file beside a fresh warehouse opened with DuckDB's memory limit at `memoryLimit`. */
async function withLimitedWarehouse(memoryLimit: string, lines: string[], fn: (wh: Warehouse, file: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const file = join(dir, 'logs.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const wh = await Warehouse.open(join(dir, 'assay.duckdb'), { memoryLimit });
  try {
    await fn(wh, file);
  } finally {
    wh.close();
  }
}

test('an ingest that runs out of memory says so and how to fix it, is recorded as failed, and leaves the warehouse and session as before', async () => {
  // 600 records with 100 KB prompts (retrieval context), against a 64 MB memory limit
  const context = 'retrieved passage about refunds, billing and accounts. '.repeat(1800);
  const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({
    id: `rag-${i}`, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'rag_answer', model: 'gpt-4o-mini', prompt_version: 'v1',
    input: `${context} question ${i}`, output: 'answer', category: 'answer', confidence: 0.9, input_tokens: 25000, output_tokens: 20,
    latency_ms: 1500, status: 'ok', fallback: false, human_override: false,
  }));
  await withLimitedWarehouse('64MB', lines, async (wh, file) => {
    const config = parseConfig({}, '(test)');
    await assert.rejects(runJob('ingest', { paths: [file] }, { wh, config }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_OUT_OF_MEMORY');
      assert.match(e.message, /ran out of memory/);
      assert.match(e.message, /warehouse\.memory_limit/);
      return true;
    });
    const run = await wh.one<{ status: string; error_code: string; error_message: string }>(
      `SELECT status, error_code, error_message FROM job_runs WHERE job = 'ingest'`,
    );
    assert.equal(run?.status, 'failed');
    assert.equal(run?.error_code, 'ASSAY_ERR_OUT_OF_MEMORY');
    assert.deepEqual(await wh.one(`SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM quarantine) AS quarantine`), { records: 0, quarantine: 0 });
    // the run's staging relies on insertion order: a failure must not leave the session without it
    assert.deepEqual(await wh.one(`SELECT current_setting('preserve_insertion_order') AS v`), { v: true });
    // with room enough, the same file loads
    await wh.run(`SET memory_limit = '2GB'`);
    const ok = await runJob('ingest', { paths: [file] }, { wh, config });
    assert.equal(ok.status, 'succeeded');
    assert.deepEqual(await wh.one(`SELECT count(*) AS n, min(source_line) AS first, max(source_line) AS last FROM records`), { n: 600, first: 1, last: 600 });
  });
});

test('an OTLP export of large envelopes (150 lines of 100 spans, 10 MB) loads within 512 MB, each span numbered with its line', async () => {
  // the collector file exporter's shape (test/fixtures/ingest/otel_genai_export.jsonl), 100 GenAI spans a line
  const first = JSON.parse(readFileSync(fixture('otel_genai_export.jsonl'), 'utf8').split('\n')[0]);
  const rs = first.resourceSpans[0];
  const ss = rs.scopeSpans[0];
  const span = ss.spans[0];
  const lines = Array.from({ length: 150 }, (_, i) =>
    JSON.stringify({
      resourceSpans: [{
        resource: rs.resource,
        scopeSpans: [{
          scope: ss.scope,
          spans: Array.from({ length: 100 }, (_, j) => ({
            ...span,
            spanId: (i * 100 + j).toString(16).padStart(16, '0'),
            attributes: span.attributes.map((a: { key: string }) =>
              a.key === 'gen_ai.response.id' ? { key: a.key, value: { stringValue: `chatcmpl-${i}-${j}` } }
              : a.key === 'gen_ai.usage.input_tokens' ? { key: a.key, value: { intValue: String(100 + j) } } : a),
          })),
        }],
      }],
    }));
  await withLimitedWarehouse('512MB', lines, async (wh, file) => {
    const run = await runJob('ingest', { paths: [file], mapping: 'otel_genai' }, { wh, config: parseConfig({}, '(test)') });
    assert.equal(run.status, 'succeeded');
    const r = await wh.one(`SELECT count(*) AS n, count(DISTINCT id) AS ids, count(DISTINCT source_line) AS lines, sum(input_tokens) AS tokens,
      bool_and(id LIKE 'chatcmpl-' || (source_line - 1) || '-%') AS on_their_line FROM records`);
    // 150 lines × (100 + … + 199) input tokens
    assert.deepEqual(r, { n: 15000, ids: 15000, lines: 150, tokens: 150 * 14950, on_their_line: true });
  });
});

test('chat logs with long histories (300 lines of ~110 KB) load within 128 MB: a file whose rows one scan has no room for is read in batches, lines still numbered', async () => {
  const base = JSON.parse(readFileSync(fixture('openai_chat.jsonl'), 'utf8').split('\n')[0]);
  const turn = (t: number) => ({ role: t % 2 === 0 ? 'user' : 'assistant', content: `turn ${t}: ${'the refund policy for billing accounts says '.repeat(120)}` });
  const lines = Array.from({ length: 300 }, (_, i) =>
    JSON.stringify({
      ...base,
      id: `chatcmpl-long-${i}`,
      request: { ...base.request, messages: [base.request.messages[0], ...Array.from({ length: 20 }, (_, t) => turn(t)), { role: 'user', content: `question ${i}` }] },
    }));
  // one malformed line in the middle keeps its place
  lines.splice(150, 0, '{"id": "chatcmpl-cut", "choices": [');
  await withLimitedWarehouse('128MB', lines, async (wh, file) => {
    const run = await runJob('ingest', { paths: [file], mapping: 'openai_chat' }, { wh, config: parseConfig({}, '(test)') });
    assert.equal(run.status, 'succeeded');
    const r = await wh.one(`SELECT count(*) AS n, count(*) FILTER (WHERE input = 'question ' || (CASE WHEN source_line > 151 THEN source_line - 2 ELSE source_line - 1 END)) AS on_their_line FROM records`);
    assert.deepEqual(r, { n: 300, on_their_line: 300 });
    assert.deepEqual(await wh.all(`SELECT source_line, reason FROM quarantine`), [{ source_line: 151, reason: 'malformed_json' }]);
  });
});

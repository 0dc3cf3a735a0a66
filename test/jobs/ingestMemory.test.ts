import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import { parseConfig } from '../../jobs/config.ts';
import { runJob } from '../../jobs/runJob.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';

test('an ingest that runs out of memory says so and how to fix it, is recorded as failed, and leaves the warehouse and session as before', async () => {
  const dir = tempDir();
  // 600 records with 100 KB prompts (retrieval context), against a 64 MB memory limit
  const context = 'retrieved passage about refunds, billing and accounts. '.repeat(1800);
  const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({
    id: `rag-${i}`, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'rag_answer', model: 'gpt-4o-mini', prompt_version: 'v1',
    input: `${context} question ${i}`, output: 'answer', category: 'answer', confidence: 0.9, input_tokens: 25000, output_tokens: 20,
    latency_ms: 1500, status: 'ok', fallback: false, human_override: false,
  }));
  const file = join(dir, 'rag.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const wh = await Warehouse.open(join(dir, 'assay.duckdb'), { memoryLimit: '64MB' });
  try {
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
  } finally {
    wh.close();
  }
});

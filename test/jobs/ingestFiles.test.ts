import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AssayError } from '../../data/errors.ts';
import { runCli } from '../helpers/cli.ts';
import { ingest } from '../helpers/ingest.ts';
import { tempWarehouse, withWarehouse } from '../helpers/tempWarehouse.ts';

const record = (id: string) =>
  JSON.stringify({
    id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'gpt-4o-mini', prompt_version: 'v1', input: 'hi',
    output: 'ok', category: 'billing', confidence: 0.9, input_tokens: 10, output_tokens: 2, latency_ms: 120, status: 'ok', fallback: false,
    human_override: false,
  });
const lines = (prefix: string, n: number) => `${Array.from({ length: n }, (_x, i) => record(`${prefix}${i}`)).join('\n')}\n`;

test('a truncated gzip file fails the run, naming the file, and loads nothing (DuckDB alone stops at its end silently)', () =>
  withWarehouse(async (t) => {
    const whole = gzipSync(lines('g', 5000));
    const cut = join(t.dir, 'day.jsonl.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const good = join(t.dir, 'other.jsonl');
    writeFileSync(good, lines('o', 3));
    await assert.rejects(
      ingest(t, { paths: [good, cut] }),
      (e: unknown) => e instanceof AssayError && e.code === 'ASSAY_ERR_INPUT_UNREADABLE' && e.message.includes('day.jsonl.gz') && /truncated/.test(e.message),
    );
    assert.deepEqual(await t.wh.all('SELECT count(*) AS n FROM records'), [{ n: 0 }]);
    assert.deepEqual(await t.wh.all(`SELECT status FROM job_runs WHERE job = 'ingest'`), [{ status: 'failed' }]);
    // whole, and as two gzip members one after the other (what `cat a.gz b.gz` makes), every record loads
    writeFileSync(cut, Buffer.concat([gzipSync(lines('m', 2000)), gzipSync(lines('n', 3000))]));
    const r = await ingest(t, { paths: [cut] });
    assert.equal(r.result.counts.loaded, 5000);
  }));

test('a directory ingest leaves hidden files out', () =>
  withWarehouse(async (t) => {
    const dir = join(t.dir, 'days');
    mkdirSync(dir);
    writeFileSync(join(dir, 'day1.jsonl'), lines('a', 2));
    writeFileSync(join(dir, '.day1.jsonl.swp.jsonl'), lines('x', 2));
    writeFileSync(join(dir, '.partial.jsonl'), lines('y', 2));
    const r = await ingest(t, { paths: [dir] });
    assert.deepEqual(r.result.output.files.map((f) => f.path.split('/').pop()), ['day1.jsonl']);
    assert.equal(r.result.counts.loaded, 2);
  }));

test('paths on the command line are the current directory\'s, also with --config from elsewhere', async () => {
  const t = await tempWarehouse();
  try {
    const conf = join(t.dir, 'conf');
    const work = join(t.dir, 'work');
    mkdirSync(conf);
    mkdirSync(work);
    writeFileSync(join(conf, 'assay.config.json'), JSON.stringify({ warehouse: { path: join(t.dir, 'cli.duckdb') } }));
    writeFileSync(join(work, 'today.jsonl'), lines('c', 4));
    const ok = await runCli(['--config', join(conf, 'assay.config.json'), '--json', 'ingest', 'today.jsonl'], { cwd: work });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).counts.loaded, 4);
    const missing = await runCli(['--config', join(conf, 'assay.config.json'), 'ingest', 'nope.jsonl'], { cwd: work });
    assert.equal(missing.code, 3, missing.stderr);
    assert.match(missing.stderr, new RegExp(`Input not found: .*nope\\.jsonl`));
    assert.ok(missing.stderr.includes(join(work, 'nope.jsonl')), missing.stderr);
  } finally {
    t.cleanup();
  }
});

test('a UTF-16 file (PowerShell) fails the run saying so and how to convert it', () =>
  withWarehouse(async (t) => {
    const file = join(t.dir, 'ps.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines('u', 2), 'utf16le')]));
    await assert.rejects(ingest(t, { paths: [file] }), (e: unknown) => e instanceof AssayError && /ps\.jsonl: not UTF-8 text \(the file is UTF-16.*iconv -f utf-16/.test(e.message));
  }));

test('a CSV or Parquet column named like the reader\'s row alias (t, T) is one more column, not the whole row', () =>
  withWarehouse(async (t) => {
    const csv = join(t.dir, 'with_t.csv');
    writeFileSync(csv, 'id,ts,tenant_id,workflow,model,prompt_version,input_tokens,output_tokens,latency_ms,status,fallback,human_override,T\n'
      + 'ct1,2026-11-02T10:00:00Z,acme,wf,m,v1,1,1,5,ok,false,false,hello\n');
    const parquet = join(t.dir, 'with_t.parquet');
    await t.wh.run(`COPY (SELECT 'pt1' AS id, TIMESTAMPTZ '2026-11-02 10:00:00+00' AS ts, 'acme' AS tenant_id, 'wf' AS workflow, 'm' AS model,
      'v1' AS prompt_version, 1 AS input_tokens, 1 AS output_tokens, 5.0 AS latency_ms, 'ok' AS status, false AS fallback, false AS human_override,
      'x' AS t) TO '${parquet}' (FORMAT parquet)`);
    const r = await ingest(t, { paths: [csv, parquet] });
    assert.deepEqual([r.result.counts.loaded, r.result.counts.quarantined], [2, 0]);
    assert.deepEqual(await t.wh.all(`SELECT id, tenant_id FROM records ORDER BY id`), [{ id: 'ct1', tenant_id: 'acme' }, { id: 'pt1', tenant_id: 'acme' }]);
  }));

test('a Parquet FLOAT (32-bit) column is read as the decimal it was written as, so its JSON Lines copy is a duplicate', () =>
  withWarehouse(async (t) => {
    const parquet = join(t.dir, 'float32.parquet');
    await t.wh.run(`COPY (SELECT 'f1' AS id, TIMESTAMPTZ '2026-11-02 10:00:00+00' AS ts, 'acme' AS tenant_id, 'triage' AS workflow, 'gpt-4o-mini' AS model,
      'v1' AS prompt_version, 'hi' AS input, 'ok' AS output, 'billing' AS category, CAST(0.9 AS FLOAT) AS confidence, 10 AS input_tokens, 2 AS output_tokens,
      CAST(120.3 AS FLOAT) AS latency_ms, 'ok' AS status, false AS fallback, false AS human_override) TO '${parquet}' (FORMAT parquet)`);
    await ingest(t, { paths: [parquet] });
    assert.deepEqual(await t.wh.all('SELECT confidence, latency_ms FROM records'), [{ confidence: 0.9, latency_ms: 120.3 }]);
    const jsonl = join(t.dir, 'f1.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ ...JSON.parse(record('f1')), latency_ms: 120.3 })}\n`);
    const again = await ingest(t, { paths: [jsonl] });
    assert.deepEqual([again.result.counts.duplicates, again.result.counts.conflicts], [1, 0]);
  }));

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sqlLiteral } from '../../data/sql.ts';
import { Warehouse } from '../../data/warehouse.ts';
import type { IngestCounts } from '../../jobs/ingest.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { assertAccounted, fixture } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';

test('assay ingest --json reports loaded, quarantined and duplicate counts; a second run only duplicates', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const wh = join(dir, 'w.duckdb');
  const first = await runCli(['-w', wh, '--json', 'ingest', fixture('planted_bad.jsonl'), fixture('canonical.jsonl')]);
  assert.equal(first.code, 0, first.stderr);
  const out = JSON.parse(first.stdout) as { run_id: string; counts: IngestCounts; quarantine_reasons: { reason: string }[] };
  assertAccounted(out.counts);
  assert.deepEqual(
    { files: out.counts.files, read: out.counts.read, loaded: out.counts.loaded, quarantined: out.counts.quarantined, duplicates: out.counts.duplicates },
    { files: 2, read: 20, loaded: 8, quarantined: 12, duplicates: 0 },
  );
  assert.ok(out.quarantine_reasons.some((r) => r.reason === 'malformed_json'));
  assert.match(first.stderr, /ingest: \[1\/2\] .*planted_bad\.jsonl: 15 rows\ningest: \[2\/2\] .*canonical\.jsonl: 5 rows\n/, 'progress goes to stderr');
  const second = await runCli(['-w', wh, '--json', 'ingest', fixture('canonical.jsonl')]);
  assert.deepEqual(JSON.parse(second.stdout).counts.duplicates, 5);
  const table = await runCli(['-w', wh, 'ingest', fixture('canonical.jsonl')]);
  assert.match(table.stdout, /loaded\s+quarantined\s+duplicate\s+conflicting\s+sampled_out\s+filtered/);
  // Spans that are not LLM requests are shown as filtered, with why, and not as quarantined.
  const otel = await runCli(['-w', wh, 'ingest', '--mapping', 'otel_genai', fixture('otel_genai_export.jsonl')]);
  assert.equal(otel.code, 0, otel.stderr);
  assert.match(otel.stdout, /filtered \(not requests, not loaded\):[\s\S]*not_genai_span\s+2\s[\s\S]*empty_batch\s+1\s/);
});

test('exit codes: a missing input path is 3, a bad mapping is 2, and both say what is wrong', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const wh = join(dir, 'w.duckdb');
  const missing = await runCli(['-w', wh, '--json', 'ingest', join(dir, 'nope', '*.jsonl')]);
  assert.equal(missing.code, 3);
  assert.equal(JSON.parse(missing.stdout).error.code, 'ASSAY_ERR_INPUT_NOT_FOUND');
  assert.match(missing.stderr, /No files match .*nope/);
  const unknown = await runCli(['-w', wh, 'ingest', '--mapping', 'no_such_mapping', fixture('canonical.jsonl')]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /ASSAY_ERR_MAPPING.*no_such_mapping/);
  const file = join(dir, 'bad.mapping.json');
  writeFileSync(file, JSON.stringify({ fields: { id: '$.id', ts: '$.ts', tenant: '$.t' } }));
  const bad = await runCli(['-w', wh, 'ingest', '--mapping', file, fixture('canonical.jsonl')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.mapping\.json[\s\S]*mapping\.fields.*tenant/);
  const help = await runCli(['ingest', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--mapping/);
});

async function counts(path: string): Promise<{ records: number; quarantine: number }> {
  const wh = await Warehouse.open(path, { readOnly: true });
  try {
    return (await wh.one<{ records: number; quarantine: number }>(
      'SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM quarantine) AS quarantine',
    ))!;
  } finally {
    wh.close();
  }
}

test('kill -9 in the middle of an ingest leaves the warehouse exactly as before, the run marked abandoned', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'w.duckdb');
  assert.equal((await runCli(['-w', path, '-q', 'ingest', fixture('planted_bad.jsonl'), fixture('canonical.jsonl')])).code, 0);
  const before = await counts(path);
  assert.deepEqual(before, { records: 8, quarantine: 12 });

  // Three files, each with good rows and bad ones, so both records and quarantine would grow. The child
  // stops at the fault point inside the ingest transaction, once records, quarantine and conflicts are all
  // written and not yet committed, and is killed there.
  const gen = await Warehouse.open(':memory:');
  const files = [1, 2, 3].map((i) => join(dir, `big-${i}.jsonl`));
  for (const [i, f] of files.entries()) {
    await gen.run(`COPY (SELECT 'k${i}_' || n AS id, '2026-11-02T10:00:00Z' AS ts, 'acme' AS tenant_id, 'wf' AS workflow, 'm' AS model, 'v1' AS prompt_version,
      repeat('some text to redact jane@example.com ', 4) AS input, 'ok' AS output, CASE WHEN n % 10 = 0 THEN -1 ELSE 100 END AS input_tokens,
      5 AS output_tokens, 250.0 AS latency_ms, 'ok' AS status, false AS fallback, false AS human_override FROM range(60000) r(n))
      TO ${sqlLiteral(f)} (FORMAT json)`);
  }
  gen.close();

  const child = spawn(process.execPath, [BIN, '-w', path, 'ingest', ...files], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ASSAY_FAULT_POINT: 'ingest:written' },
  });
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (/stopped at fault point ingest:written/.test(stderr)) child.kill('SIGKILL');
  });
  const { signal } = await exit;
  assert.equal(signal, 'SIGKILL', `the ingest ended before it could be killed: ${stderr}`);
  assert.match(stderr, /ingest: \[3\/3\] .*big-3\.jsonl: 60000 rows/);

  // Reopening (read-write, as the next job would) rolls nothing forward and marks the run abandoned.
  const wh = await Warehouse.open(path);
  try {
    const now = await wh.one<{ records: number; quarantine: number }>(
      'SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM quarantine) AS quarantine',
    );
    assert.deepEqual(now, before);
    const runs = await wh.all<{ status: string }>(`SELECT status FROM job_runs WHERE job = 'ingest' ORDER BY started_at`);
    assert.deepEqual(runs.map((r) => r.status), ['succeeded', 'abandoned']);
  } finally {
    wh.close();
  }
});

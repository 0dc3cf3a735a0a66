import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import { parseConfig } from '../../jobs/config.ts';
import { JOBS } from '../../jobs/registry.ts';
import { runJob } from '../../jobs/runJob.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { insertRecords, tempDir } from '../helpers/tempWarehouse.ts';

test('assay demo runs end to end on a temp directory and prints a warehouse holding what it planted', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'demo');
  const r = await runCli(['demo', '--out', out, '--weeks', '5', '--scale', '0.2']);
  assert.equal(r.code, 0, r.stderr);
  const printed = /DuckDB warehouse:\s+(\S+)/.exec(r.stdout)?.[1];
  assert.ok(printed, r.stdout);
  const path = resolve(ROOT, printed);
  assert.equal(path, join(out, 'assay.duckdb'));
  const logs = readdirSync(join(out, 'logs'));
  assert.equal(logs.filter((f) => f.endsWith('.jsonl.gz')).length, 28, 'the older weeks are archived as .gz');
  assert.ok(logs.some((f) => f.endsWith('.redelivery.jsonl')), 'a late re-delivery with planted bad lines');
  assert.ok(logs.includes('.assay-demo'), 'marked as the demo\'s, so the next demo may empty it');

  const wh = await Warehouse.open(path, { readOnly: true });
  try {
    const runs = await wh.all<{ job: string; status: string; counts: string }>('SELECT job, status, counts FROM job_runs ORDER BY started_at');
    // Every registered job ran once, and succeeded.
    assert.deepEqual(runs.map((x) => x.job).sort(), JOBS.map((j) => j.name).sort());
    assert.ok(runs.every((x) => x.status === 'succeeded'), JSON.stringify(runs));
    const demo = JSON.parse(runs.find((x) => x.job === 'demo')!.counts) as { records_generated: number };
    const ingest = JSON.parse(runs.find((x) => x.job === 'ingest')!.counts) as Record<string, number>;
    assert.deepEqual({ quarantined: ingest.quarantined, duplicates: ingest.duplicates, conflicts: ingest.conflicts }, { quarantined: 6, duplicates: 25, conflicts: 0 });
    const n = await wh.one<{ records: number }>('SELECT count(*) AS records FROM records');
    assert.equal(n?.records, demo.records_generated);
    const reasons = await wh.all<{ reason: string; field: string | null }>('SELECT reason, field FROM quarantine ORDER BY reason, field');
    assert.deepEqual(reasons, [
      { reason: 'bad_timestamp', field: 'ts' },
      { reason: 'malformed_json', field: null },
      { reason: 'missing_field', field: 'tenant_id' },
      { reason: 'negative_value', field: 'input_tokens' },
      { reason: 'out_of_range', field: 'confidence' },
      { reason: 'unknown_status', field: 'status' },
    ]);
    // The planted unknown spike (acme, support_triage, last week) is what drift reports most severely for it.
    const spike = await wh.one<{ severity: string }>(
      `SELECT severity FROM drift_latest WHERE segment = 'tenant_id=acme/workflow=support_triage' AND metric = 'unknown_rate' AND test = 'unknown_rate_spike'`,
    );
    assert.equal(spike?.severity, 'high');
    // No text with PII survives: the generator plants emails, phones, cards and IBANs.
    const leaks = await wh.one<{ n: number }>(`SELECT count(*) AS n FROM records WHERE regexp_matches(input, '@example|4111 1111|DE89 3704|\\+1 415')`);
    assert.equal(leaks?.n, 0);
  } finally {
    wh.close();
  }
});

test('the demo deletes nothing it did not write: not a warehouse of other data, not a logs folder of other files, not a served warehouse', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const prod = join(dir, 'prod.duckdb');
  const wh = await Warehouse.open(prod);
  await insertRecords(wh, [{ id: 'real-1', ts: '2026-11-02T10:00:00Z' }, { id: 'real-2', ts: '2026-11-02T11:00:00Z' }]);
  wh.close();
  const count = async () => {
    const w = await Warehouse.open(prod, { readOnly: true });
    try {
      return (await w.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n;
    } finally {
      w.close();
    }
  };

  const viaW = await runCli(['-w', prod, 'demo', '--out', join(dir, 'out1'), '--weeks', '5', '--scale', '0.05']);
  assert.equal(viaW.code, 2, viaW.stderr);
  assert.match(viaW.stderr, /prod\.duckdb is a warehouse of 2 records no demo wrote/);
  assert.equal(await count(), 2);

  const project = join(dir, 'project');
  mkdirSync(join(project, 'logs'), { recursive: true });
  writeFileSync(join(project, 'logs', '2026-11-30.jsonl'), '{"id":"real"}\n');
  const intoProject = await runCli(['demo', '--out', project, '--weeks', '5', '--scale', '0.05']);
  assert.equal(intoProject.code, 2, intoProject.stderr);
  assert.match(intoProject.stderr, /logs holds files the demo did not write/);
  assert.deepEqual(readdirSync(join(project, 'logs')), ['2026-11-30.jsonl']);
  assert.equal(existsSync(join(project, 'assay.duckdb')), false, 'no warehouse made either');

  // The demo job as the API or a schedule would run it, on the warehouse they serve
  const served = await Warehouse.open(prod);
  try {
    await assert.rejects(runJob('demo', { out: join(dir, 'out2') }, { wh: served, config: parseConfig({}, '(test)') }), /holds 2 records no demo wrote/);
    assert.equal(existsSync(join(dir, 'out2')), false);
  } finally {
    served.close();
  }
  assert.equal(await count(), 2);
});

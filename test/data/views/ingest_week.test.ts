import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  const run = (id: string, started: string, counts: object) =>
    t.wh.run(`INSERT INTO job_runs (run_id, job, params, started_at, ended_at, status, counts) VALUES ($1, 'ingest', '{}', CAST($2 AS TIMESTAMPTZ), CAST($2 AS TIMESTAMPTZ), 'succeeded', $3)`, [
      id, started, JSON.stringify(counts),
    ]);
  await run('i1', '2026-11-17T06:00:00Z', { read: 5, loaded: 3, quarantined: 2, duplicates: 0, conflicts: 0, sampled_out: 0 });
  await run('i2', '2026-11-18T06:00:00Z', { read: 1, loaded: 0, quarantined: 1, duplicates: 0, conflicts: 0, sampled_out: 0 });
  await insertRecords(t.wh, [
    { id: 'a', ts: '2026-11-15T10:00:00Z' },
    { id: 'b', ts: '2026-11-16T10:00:00Z' },
    { id: 'c', ts: '2026-11-16T11:00:00Z' },
  ]);
  await t.wh.run(`UPDATE records SET ingest_run_id = 'i1'`);
  await t.wh.run(`INSERT INTO quarantine (ingest_run_id, source_file, source_line, raw, reason, field) VALUES
    ('i1', 'f1.jsonl', 4, '{}', 'missing_field', 'tenant_id'), ('i1', 'f2.jsonl', 9, '{}', 'missing_field', 'tenant_id'),
    ('i2', 'f3.jsonl', 1, 'x', 'malformed_json', NULL)`);
});
after(() => t.cleanup());

test('ingest_week lists the runs that loaded a week\'s records or ran during it, and quarantine_week their rejects', async () => {
  const weeks = await t.wh.all<{ week: string; run_id: string; records_for_week: number; records_quarantined: number }>(
    'SELECT week, run_id, records_for_week, records_quarantined FROM ingest_week ORDER BY week, run_id',
  );
  assert.deepEqual(weeks, [
    { week: '2026-W46', run_id: 'i1', records_for_week: 1, records_quarantined: 2 },
    { week: '2026-W47', run_id: 'i1', records_for_week: 2, records_quarantined: 2 },
    { week: '2026-W47', run_id: 'i2', records_for_week: 0, records_quarantined: 1 },
  ]);
  const q = await t.wh.all<{ week: string; reason: string; records: number; files: number }>(
    'SELECT week, reason, records, files FROM quarantine_week ORDER BY week, reason',
  );
  assert.deepEqual(q, [
    { week: '2026-W46', reason: 'missing_field', records: 2, files: 2 },
    { week: '2026-W47', reason: 'malformed_json', records: 1, files: 1 },
    { week: '2026-W47', reason: 'missing_field', records: 2, files: 2 },
  ]);
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sqlLiteral } from '../../data/sql.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { VIEWS } from '../../data/views.ts';
import { runCli } from '../helpers/cli.ts';
import { fixture, ingest } from '../helpers/ingest.ts';
import { tempWarehouse } from '../helpers/tempWarehouse.ts';

test('assay export --parquet writes every table (and with --views every view) as Parquet, read-only', async () => {
  const t = await tempWarehouse();
  try {
    await ingest(t, { paths: [fixture('planted_bad.jsonl'), fixture('canonical.jsonl')] });
    await ingest(t, { paths: [fixture('canonical.jsonl')] });
    // A table added by someone else (or a later module) is exported too: the list comes from the catalog.
    await t.wh.run(`CREATE TABLE analyst_notes AS SELECT 'acme' AS tenant_id, 'watch the spike' AS note`);
    t.wh.close();
    const before = statSync(t.path).mtimeMs;

    const dir = join(t.dir, 'export');
    const r = await runCli(['-w', t.path, '--json', 'export', '--parquet', dir, '--views']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { name: string; kind: string; file: string; rows: number }[] };
    assert.equal(statSync(t.path).mtimeMs, before, 'the warehouse file is not touched');
    assert.deepEqual(readdirSync(dir).sort(), out.files.map((f) => `${f.name}.parquet`).sort(), 'no temporary files left');

    const wh = await Warehouse.open(t.path, { readOnly: true });
    try {
      const tables = (await wh.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`)).map((x) => x.name);
      assert.ok(['records', 'quarantine', 'ingest_conflicts', 'job_runs', 'drift_results', 'analyst_notes'].every((n) => tables.includes(n)));
      assert.deepEqual(out.files.filter((f) => f.kind === 'table').map((f) => f.name).sort(), tables);
      assert.deepEqual(out.files.filter((f) => f.kind === 'view').map((f) => f.name).sort(), [...VIEWS].sort());
      for (const f of out.files) {
        const [inWarehouse, inFile] = await Promise.all([
          wh.one<{ n: number }>(`SELECT count(*) AS n FROM "${f.name}"`),
          wh.one<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlLiteral(f.file)})`),
        ]);
        assert.equal(inFile?.n, inWarehouse?.n, f.name);
        assert.equal(f.rows, inWarehouse?.n, f.name);
      }
      assert.equal(out.files.find((f) => f.name === 'records')?.rows, 8);
      assert.equal(out.files.find((f) => f.name === 'quarantine')?.rows, 12);
      // Types survive: timestamps stay timestamps, JSON stays readable.
      const row = await wh.one<{ ts: string; region: string }>(
        `SELECT ts, metadata->>'region' AS region FROM read_parquet(${sqlLiteral(join(dir, 'records.parquet'))}) WHERE id = 'req_001'`,
      );
      assert.deepEqual(row, { ts: '2026-11-02T10:00:00.000Z', region: 'us' });
    } finally {
      wh.close();
    }

    const tablesOnly = await runCli(['-w', t.path, 'export', '--parquet', join(t.dir, 'tables')]);
    assert.equal(tablesOnly.code, 0, tablesOnly.stderr);
    assert.ok(!existsSync(join(t.dir, 'tables', 'workflow_daily.parquet')), 'views only with --views');
    assert.match(tablesOnly.stdout, /records\s+table\s+8/);
  } finally {
    t.cleanup();
  }
});

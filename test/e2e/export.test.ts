import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MANIFEST } from '../../data/export.ts';
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
    assert.deepEqual(readdirSync(dir).sort(), [MANIFEST, ...out.files.map((f) => `${f.name}.parquet`)].sort(), 'no temporary files left');

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

test('an export into the directory of a previous one replaces its set (no stale view beside fresh tables), never a file it did not write; odd table names stay inside DIR', async () => {
  const t = await tempWarehouse();
  try {
    await ingest(t, { paths: [fixture('canonical.jsonl')] });
    // tables an analyst made with their own client, named as a file name cannot be
    await t.wh.run(`CREATE TABLE "a/b" AS SELECT 1 AS x; CREATE TABLE "../escape" AS SELECT 2 AS x`);
    t.wh.close();
    const dir = join(t.dir, 'export');
    const first = await runCli(['-w', t.path, '--json', 'export', '--parquet', dir, '--views']);
    assert.equal(first.code, 0, first.stderr);
    const files = readdirSync(dir);
    assert.ok(files.includes('a%2Fb.parquet') && files.includes('%2E.%2Fescape.parquet') && files.includes('workflow_daily.parquet'), files.join(' '));
    assert.ok(!existsSync(join(t.dir, 'escape.parquet')), 'nothing written outside DIR');
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { warehouse: string; exported_at: string; files: { name: string; file: string; rows: number }[] };
    assert.equal(manifest.warehouse, t.path);
    assert.deepEqual(manifest.files.find((f) => f.name === 'a/b'), { name: 'a/b', kind: 'table', file: 'a%2Fb.parquet', rows: 1 });

    // again without --views: yesterday's views would sit beside today's tables
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const second = await runCli(['-w', t.path, '--json', 'export', '--parquet', dir]);
    assert.equal(second.code, 0, second.stderr);
    const out = JSON.parse(second.stdout) as { files: { name: string }[]; removed: string[] };
    assert.ok(out.removed.includes('workflow_daily.parquet'));
    assert.ok(!existsSync(join(dir, 'workflow_daily.parquet')));
    assert.ok(existsSync(join(dir, 'notes.txt')), 'a file no export wrote stays');
    const listed = (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: { file: string }[] }).files.map((f) => f.file);
    assert.equal(listed.length, out.files.length);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort(), listed.sort());

    // a directory holding a records.parquet of the analyst's own is refused, not overwritten
    const mine = join(t.dir, 'mine');
    mkdirSync(mine);
    const wh = await Warehouse.open(t.path, { readOnly: true });
    await wh.run(`COPY (SELECT 42 AS answer) TO ${sqlLiteral(join(mine, 'records.parquet'))}`).finally(() => wh.close());
    const refused = await runCli(['-w', t.path, 'export', '--parquet', mine]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /already holds records\.parquet, not written by assay export: pick an empty or new directory/);
    const again = await Warehouse.open(t.path, { readOnly: true });
    try {
      assert.deepEqual(await again.all(`SELECT * FROM read_parquet(${sqlLiteral(join(mine, 'records.parquet'))})`), [{ answer: 42 }]);
    } finally {
      again.close();
    }
  } finally {
    t.cleanup();
  }
});

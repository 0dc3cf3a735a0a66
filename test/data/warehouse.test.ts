import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECORD_COLUMNS } from '../../data/record.ts';
import { VIEWS } from '../../data/views.ts';
import { listSqlFiles } from '../../data/sql.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { insertRecords, tempWarehouse } from '../helpers/tempWarehouse.ts';

test('the records table has exactly the canonical columns, in order, with their types', async () => {
  const t = await tempWarehouse();
  try {
    const cols = await t.wh.all<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'records' ORDER BY ordinal_position`,
    );
    const canonical = cols.slice(0, RECORD_COLUMNS.length);
    assert.deepEqual(canonical.map((c) => c.column_name), RECORD_COLUMNS.map((c) => c.name));
    assert.deepEqual(canonical.map((c) => c.data_type), RECORD_COLUMNS.map((c) => c.sqlType));
  } finally {
    t.cleanup();
  }
});

test('migrations apply once and reopening the file keeps data and schema version', async () => {
  const t = await tempWarehouse();
  try {
    await insertRecords(t.wh, [{ id: 'a', ts: '2026-11-02T10:00:00Z' }]);
    t.wh.close();
    const again = await Warehouse.open(t.path);
    const versions = await again.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.equal(versions.length, listSqlFiles('migrations').length);
    const n = await again.one<{ n: number }>('SELECT count(*) AS n FROM records');
    assert.equal(n?.n, 1);
    again.close();
  } finally {
    t.cleanup();
  }
});

test('a warehouse a newer Assay wrote (a schema version this code does not know) is refused for writing, unchanged', async () => {
  const t = await tempWarehouse();
  try {
    await insertRecords(t.wh, [{ id: 'a', ts: '2026-11-02T10:00:00Z' }]);
    await t.wh.run(`INSERT INTO schema_migrations (version, name) VALUES (999, '999-from-the-future')`);
    t.wh.close();
    await assert.rejects(Warehouse.open(t.path), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_WAREHOUSE');
      assert.match(e.message, /schema is version 999, written by a newer Assay; this one knows versions up to \d+/);
      return true;
    });
    const ro = await Warehouse.open(t.path, { readOnly: true });
    assert.deepEqual(await ro.all('SELECT id FROM records'), [{ id: 'a' }]);
    ro.close();
  } finally {
    t.cleanup();
  }
});

test('every named view exists in the warehouse file under its own name and can be queried', async () => {
  const t = await tempWarehouse();
  try {
    const names = (await t.wh.all<{ view_name: string }>(`SELECT view_name FROM duckdb_views() WHERE NOT internal`)).map((r) => r.view_name);
    for (const v of VIEWS) {
      assert.ok(names.includes(v), `view ${v} missing`);
      await t.wh.all(`SELECT * FROM ${v} LIMIT 1`);
    }
    assert.deepEqual([...VIEWS].sort(), listSqlFiles('views'), 'data/views.ts and data/views/*.sql disagree');
  } finally {
    t.cleanup();
  }
});

test('a failed transaction leaves no rows behind', async () => {
  const t = await tempWarehouse();
  try {
    await assert.rejects(
      t.wh.transaction(async (wh) => {
        await insertRecords(wh, [{ id: 'x', ts: '2026-11-02T10:00:00Z' }]);
        throw new Error('boom');
      }),
      /boom/,
    );
    const n = await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records');
    assert.equal(n?.n, 0);
  } finally {
    t.cleanup();
  }
});

test('query results come back as plain values: numbers, ISO timestamps, dates', async () => {
  const t = await tempWarehouse();
  try {
    const row = await t.wh.one(`SELECT 42::BIGINT AS big, 2.5::DECIMAL(10,2) AS dec, TIMESTAMPTZ '2026-11-02 10:00:00+00' AS ts,
      DATE '2026-11-02' AS d, $1 AS p`, ['bound']);
    assert.deepEqual(row, { big: 42, dec: 2.5, ts: '2026-11-02T10:00:00.000Z', d: '2026-11-02', p: 'bound' });
  } finally {
    t.cleanup();
  }
});

test('a warehouse whose creating process was killed before it ever closed it opens read-only (assay runs, an analyst) with its schema', async () => {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'assay-killed-'));
  try {
    const file = join(dir, 'new.duckdb');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/openAndWait.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('open') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    // DuckDB could not replay a new file's WAL of schema changes read-only ("no default database set")
    const ro = await Warehouse.open(file, { readOnly: true });
    try {
      assert.equal((await ro.one<{ n: number }>('SELECT count(*) AS n FROM job_runs'))?.n, 0);
      assert.ok((await ro.one<{ n: number }>("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'workflow_week'"))?.n === 1);
    } finally {
      ro.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssayError, errorMessage } from './errors.ts';
import { sqlIdent, sqlLiteral } from './sql.ts';
import type { Warehouse } from './warehouse.ts';

export interface ExportedFile {
  name: string;
  kind: 'table' | 'view';
  file: string;
  rows: number;
}

/**
 * The warehouse's own tables (and, on request, views), read from DuckDB's catalog so that a table
 * another module adds later is exported without touching this file.
 */
async function relations(wh: Warehouse, views: boolean): Promise<{ name: string; kind: 'table' | 'view' }[]> {
  return wh.all(
    `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
     UNION ALL
     SELECT view_name, 'view' FROM duckdb_views()
     WHERE $views AND database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
     ORDER BY kind, name`,
    { views },
  );
}

/**
 * Writes every table as DIR/<table>.parquet (zstd). Each file is written under a temporary name and
 * renamed only when all of them succeeded, so a failed export leaves no half-set behind.
 */
export async function exportParquet(wh: Warehouse, dir: string, opts: { views: boolean }): Promise<ExportedFile[]> {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const done: (ExportedFile & { tmp: string })[] = [];
  try {
    for (const r of await relations(wh, opts.views)) {
      const file = join(out, `${r.name}.parquet`);
      const tmp = `${file}.tmp`;
      let rows: number;
      try {
        const result = await wh.one<{ Count: number }>(
          `COPY (SELECT * FROM ${sqlIdent(r.name)}) TO ${sqlLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        rows = Number(result?.Count ?? 0);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw new AssayError('ASSAY_ERR_SQL', `Cannot export ${r.kind} ${r.name}: ${errorMessage(e)}`, { [r.kind]: r.name });
      }
      done.push({ ...r, file, rows, tmp });
    }
  } catch (e) {
    for (const d of done) rmSync(d.tmp, { force: true });
    throw e;
  }
  for (const d of done) renameSync(d.tmp, d.file);
  return done.map((d) => ({ name: d.name, kind: d.kind, file: d.file, rows: d.rows }));
}

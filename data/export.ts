import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
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

/** The list of what an export wrote, beside its files: what a later export into the same DIR may replace. */
export const MANIFEST = 'assay-export.json';

/**
 * A relation's file name: its name, with the characters a file name cannot hold (or that would leave DIR: a
 * table named `a/b` failed the export, one named `../x` was written outside DIR) and a leading dot as %XX.
 */
export function exportFileName(name: string): string {
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  // a leading dot too: `..x.parquet` would be a hidden file
  return `${name.replace(/[%/\\:*?"<>|\u0000-\u001f]|^\./g, hex)}.parquet`;
}

/** The files the previous export into DIR wrote (its manifest), or none. */
function previousFiles(out: string): Set<string> {
  const path = join(out, MANIFEST);
  if (!existsSync(path)) return new Set();
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as { files?: { file?: unknown }[] };
    return new Set((m.files ?? []).map((f) => (typeof f.file === 'string' ? basename(f.file) : '')).filter(Boolean));
  } catch (e) {
    throw new AssayError('ASSAY_ERR_USAGE', `${path} is not an assay export manifest (${errorMessage(e)}): pick an empty or new directory`);
  }
}

/**
 * Writes every table as DIR/<table>.parquet (zstd), and DIR/assay-export.json listing them. Each file is written
 * under a temporary name and renamed only when all of them succeeded, so a failed export leaves no half-set
 * behind. Into a DIR a previous export wrote, it replaces that set: a file of the old set it does not write again
 * (a view, exported then without --views) is removed, so DIR never mixes two exports' data. A file no export
 * wrote is never overwritten.
 */
export async function exportParquet(wh: Warehouse, dir: string, opts: { views: boolean }): Promise<{ files: ExportedFile[]; removed: string[] }> {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const previous = previousFiles(out);
  const planned = (await relations(wh, opts.views)).map((r) => ({ ...r, file: join(out, exportFileName(r.name)) }));
  const foreign = planned.filter((r) => existsSync(r.file) && !previous.has(basename(r.file))).map((r) => basename(r.file));
  if (foreign.length) {
    throw new AssayError('ASSAY_ERR_USAGE', `${out} already holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''}, not written by assay export: pick an empty or new directory`, { dir: out });
  }
  const done: (ExportedFile & { tmp: string })[] = [];
  try {
    for (const r of planned) {
      const tmp = `${r.file}.tmp`;
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
      done.push({ ...r, rows, tmp });
    }
  } catch (e) {
    for (const d of done) rmSync(d.tmp, { force: true });
    throw e;
  }
  for (const d of done) renameSync(d.tmp, d.file);
  const written = new Set(done.map((d) => basename(d.file)));
  const removed = [...previous].filter((f) => !written.has(f) && f !== MANIFEST).sort();
  for (const f of removed) rmSync(join(out, f), { force: true });
  const files = done.map((d) => ({ name: d.name, kind: d.kind, file: d.file, rows: d.rows }));
  writeFileSync(
    join(out, MANIFEST),
    `${JSON.stringify({ warehouse: wh.path, exported_at: new Date().toISOString(), files: files.map((f) => ({ ...f, file: basename(f.file) })) }, null, 2)}\n`,
  );
  return { files, removed };
}

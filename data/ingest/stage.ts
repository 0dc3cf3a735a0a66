import { AssayError, errorMessage } from '../errors.ts';
import { sqlFile } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';
import type { CompiledMapping } from './compile.ts';
import type { RedactionConfig } from './config.ts';
import { csvReadOptions, openQuotePattern, readCsvDialect } from './csv.ts';
import { jsonShapeOf, readHead } from './jsonShape.ts';
import type { SourceFile } from './sources.ts';

/** Creates the run's staging table (ingest_batch) and the ingest_rows view over it. */
export async function createStaging(wh: Warehouse): Promise<void> {
  await wh.run(sqlFile('queries/ingest/create_batch'));
}

export async function dropStaging(wh: Warehouse): Promise<void> {
  await wh.run(`DROP VIEW IF EXISTS ingest_kept; DROP VIEW IF EXISTS ingest_rows; DROP TABLE IF EXISTS ingest_route; DROP TABLE IF EXISTS ingest_candidates;
    DROP TABLE IF EXISTS ingest_stored; DROP TABLE IF EXISTS ingest_stored_ids; DROP TABLE IF EXISTS ingest_kept_hashes;
    DROP TABLE IF EXISTS ingest_strata; DROP TABLE IF EXISTS ingest_batch; DROP TABLE IF EXISTS ingest_csv_rows;
    DROP TABLE IF EXISTS ingest_csv_rejects; DROP TABLE IF EXISTS ingest_csv_scans; DROP TABLE IF EXISTS ingest_csv_lines;
    DROP TABLE IF EXISTS ingest_pii_rows; DROP TABLE IF EXISTS ingest_redacted`);
}

/**
 * Compiles every SQL expression a mapping supplies on its own, before any file is read, so a typo is
 * reported against its key (`mapping.fields.category.sql`) rather than as an error in a 100-line statement.
 */
export async function checkMapping(wh: Warehouse, compiled: CompiledMapping, source: string): Promise<void> {
  for (const { key, sql } of compiled.expressions) {
    try {
      await wh.all(`SELECT (${sql}) FROM (SELECT CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS path_value) LIMIT 0`);
    } catch (e) {
      throw new AssayError('ASSAY_ERR_MAPPING', `${source}: ${key}: ${errorMessage(e).split('\n')[0]}`, { source, key });
    }
  }
}

/** Compiles each configured redaction pattern with DuckDB's RE2 (not JavaScript's RegExp, which differs). */
export async function checkRedaction(wh: Warehouse, redaction: RedactionConfig): Promise<void> {
  for (const [i, p] of redaction.patterns.entries()) {
    try {
      await wh.all(`SELECT regexp_matches('', $1)`, [p.regex]);
    } catch (e) {
      const key = `ingest.redaction.patterns.${i}.regex`;
      throw new AssayError('ASSAY_ERR_CONFIG', `${key}: not a valid RE2 regular expression (${errorMessage(e).split('\n')[0]})`, { key });
    }
  }
}

/**
 * Parses a CSV file's rows (ingest_csv_rows) and rejects by its header's dialect, and finds the line each
 * starts on (ingest_csv_lines); false for an empty file. Every parsed row must have found its line: where
 * the parser and the line finder read the quoting differently (a malformed file the parser recovers from
 * by skipping records) the file fails, naming it, rather than losing rows or misplacing them.
 */
async function parseCsv(wh: Warehouse, file: string): Promise<boolean> {
  const dialect = await readCsvDialect(wh, file);
  if (!dialect) return false;
  await wh.run('DROP TABLE IF EXISTS ingest_csv_rejects; DROP TABLE IF EXISTS ingest_csv_scans');
  await wh.run(sqlFile('queries/ingest/csv_rows').replace('/*dialect*/', csvReadOptions(dialect)), { file });
  await wh.run(sqlFile('queries/ingest/csv_lines'), { file, open_quote: openQuotePattern(dialect.delimiter) });
  const r = await wh.one<{ parsed: number; placed: number }>(
    'SELECT (SELECT count(*) FROM ingest_csv_rows) AS parsed, (SELECT count(*) FROM ingest_csv_lines WHERE k IS NOT NULL) AS placed',
  );
  if (r && r.parsed !== r.placed) {
    throw new AssayError(
      'ASSAY_ERR_INPUT_UNREADABLE',
      `${file}: the CSV parser read ${r.parsed} records where ${r.placed} start on their own lines; its quoting is broken (a field opened with '"' and not closed?)`,
      { file },
    );
  }
  return true;
}

/** Errors DuckDB raises for the statement itself (a mapping expression that binds but fails), not for the file. */
const STATEMENT_ERROR = /\b(Parser|Binder|Catalog|Not implemented) Error/;

/** How a file is read: its format, or for `.json` the shape its start shows (a `.json` of lines reads as jsonl). */
type ReadAs = 'jsonl' | 'json_array' | 'json_documents' | 'csv' | 'parquet';

function readAs(file: SourceFile): ReadAs {
  if (file.format !== 'json') return file.format;
  const shape = jsonShapeOf(readHead(file.path));
  return shape === 'lines' ? 'jsonl' : shape === 'array' ? 'json_array' : 'json_documents';
}

const READ_AS_NAMES: Record<ReadAs, string> = {
  jsonl: 'JSON Lines', json_array: 'a JSON array of records', json_documents: 'JSON documents', csv: 'CSV', parquet: 'Parquet',
};

/**
 * Maps, types, checks and redacts one file's rows into ingest_batch in one parallel scan. Returns the
 * number of rows read (blank lines not counted) and how the file was read.
 */
export async function stageFile(wh: Warehouse, file: SourceFile, idx: number, compiled: CompiledMapping): Promise<{ rows: number; read_as: ReadAs }> {
  const how = readAs(file);
  const source = sqlFile(`queries/ingest/source_${how}`);
  try {
    // An empty CSV file (a day without traffic) has no header and no rows: nothing to stage.
    if (file.format !== 'csv' || (await parseCsv(wh, file.path))) {
      await wh.run(
        `INSERT INTO ingest_batch BY NAME
WITH src AS (SELECT CAST($file_idx AS INTEGER) AS file_idx, source_line, raw, src_error FROM (${source}))
${compiled.select}`,
        // CSV rows come from the tables parseCsv made, not from the file.
        file.format === 'csv' ? { file_idx: idx } : { file: file.path, file_idx: idx },
      );
    }
  } catch (e) {
    if (e instanceof AssayError && e.code !== 'ASSAY_ERR_SQL') throw e;
    const message = errorMessage(e);
    if (STATEMENT_ERROR.test(message)) throw e;
    const tooLong = /Line: (\d+)[\s\S]*Maximum line size of (\d+) bytes exceeded/.exec(message);
    if (tooLong) {
      const [, line, max] = tooLong;
      throw new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `${file.path}:${line}: line longer than ${Number(max) / 2 ** 20} MiB`, { file: file.path, line: Number(line) });
    }
    throw new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `Cannot read ${file.path} as ${READ_AS_NAMES[how]}: ${message.split('\n')[0]}`, { file: file.path });
  }
  await wh.run(
    `SET VARIABLE ingest_first_rowids = list_append(getvariable('ingest_first_rowids'), (SELECT min(rowid) FROM ingest_batch WHERE file_idx = $1))`,
    [idx],
  );
  await wh.run(`SET VARIABLE ingest_file_paths = list_append(getvariable('ingest_file_paths'), CAST($1 AS VARCHAR))`, [file.path]);
  const r = await wh.one<{ n: number }>(`SELECT count(*) AS n FROM ingest_batch WHERE file_idx = $1 AND reason IS DISTINCT FROM 'blank'`, [idx]);
  return { rows: r?.n ?? 0, read_as: how };
}

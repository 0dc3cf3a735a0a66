import { AssayError, errorMessage } from '../errors.ts';
import { sqlFile, sqlIdent } from '../sql.ts';
import type { SqlValue, Warehouse } from '../warehouse.ts';
import type { CompiledMapping } from './compile.ts';
import type { RedactionConfig } from './config.ts';
import { csvReadOptions, openQuotePattern, readCsvDialect } from './csv.ts';
import { jsonShapeOf, readHead, readHeadBytes } from './jsonShape.ts';
import type { SourceFile } from './sources.ts';
import { stageParsed } from './stageParsed.ts';

/** Creates the run's staging table (ingest_batch) and the ingest_rows view over it. */
export async function createStaging(wh: Warehouse): Promise<void> {
  // Line numbers are row positions in ingest_batch: the staging inserts must keep their scans' order.
  await wh.run('RESET preserve_insertion_order');
  await wh.run(sqlFile('queries/ingest/create_batch'));
}

/** Drops the run's temporary tables and restores the session settings the run changed (also after a failure). */
export async function dropStaging(wh: Warehouse): Promise<void> {
  await wh.run(`RESET preserve_insertion_order; DROP VIEW IF EXISTS ingest_kept; DROP VIEW IF EXISTS ingest_rows; DROP TABLE IF EXISTS ingest_route; DROP TABLE IF EXISTS ingest_candidates;
    DROP TABLE IF EXISTS ingest_stored; DROP TABLE IF EXISTS ingest_stored_ids; DROP TABLE IF EXISTS ingest_kept_hashes;
    DROP TABLE IF EXISTS ingest_strata; DROP TABLE IF EXISTS ingest_batch; DROP TABLE IF EXISTS ingest_csv_rows;
    DROP TABLE IF EXISTS ingest_csv_rejects; DROP TABLE IF EXISTS ingest_csv_scans; DROP TABLE IF EXISTS ingest_csv_lines;
    DROP TABLE IF EXISTS ingest_source; DROP TABLE IF EXISTS ingest_expanded`);
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
  await wh.run(sqlFile('queries/ingest/csv_lines'), { file, open_quote: openQuotePattern(dialect.delimiter), header_line: dialect.headerLine });
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

/**
 * source_parquet.sql, with the file's FLOAT (32-bit) columns read as the decimals they were written as: widened
 * as they are, a confidence of 0.9 is 0.8999999761581421, and the same record sent as JSON Lines then conflicts
 * with it. The shortest text of a float is what the writer meant (pandas' float32, Spark's FloatType).
 */
async function parquetSource(wh: Warehouse, path: string): Promise<string> {
  const sql = sqlFile('queries/ingest/source_parquet');
  let floats: string[] = [];
  try {
    floats = (await wh.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet($file)`, { file: path }))
      .filter((c) => c.column_type === 'FLOAT')
      .map((c) => c.column_name);
  } catch {
    // an unreadable file fails with its own message in the staging read
  }
  if (floats.length === 0) return sql;
  const replace = floats.map((c) => `CAST(CAST(${sqlIdent(c)} AS VARCHAR) AS DOUBLE) AS ${sqlIdent(c)}`).join(', ');
  return sql.replace('FROM read_parquet($file) __assay_row', `FROM (SELECT * REPLACE (${replace}) FROM read_parquet($file)) __assay_row`);
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

/** The staging INSERT of `src` rows (file_idx, source_line, raw, src_error) through the mapping. */
function stagingInsert(src: string, compiled: CompiledMapping): string {
  return `INSERT INTO ingest_batch BY NAME
WITH src AS (${src})
${compiled.select}`;
}

const isOutOfMemory = (e: unknown): e is AssayError => e instanceof AssayError && e.code === 'ASSAY_ERR_OUT_OF_MEMORY';

/** The error a failed read of `file` is reported as: its line when DuckDB names one, else the reader's message. */
function readError(e: unknown, file: SourceFile, how: ReadAs): unknown {
  if (isOutOfMemory(e)) return new AssayError('ASSAY_ERR_OUT_OF_MEMORY', `${file.path}: ${e.message}`, { file: file.path });
  if (e instanceof AssayError && e.code !== 'ASSAY_ERR_SQL') return e;
  const message = errorMessage(e);
  if (STATEMENT_ERROR.test(message)) return e;
  const tooLong = /Line: (\d+)[\s\S]*Maximum line size of (\d+) bytes exceeded/.exec(message);
  if (tooLong) {
    const [, line, max] = tooLong;
    return new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `${file.path}:${line}: line longer than ${Number(max) / 2 ** 20} MiB`, { file: file.path, line: Number(line) });
  }
  // DuckDB's first line says "CSV Error on Line: N" (the lines are read by its CSV reader); the reason comes after
  if (isNotUtf8(e)) {
    const line = /Line: (\d+)/.exec(message)?.[1];
    const utf16 = isUtf16(file.path);
    return new AssayError(
      'ASSAY_ERR_INPUT_UNREADABLE',
      `${file.path}${line && !utf16 ? `:${line}` : ''}: not UTF-8 text (${utf16 ? 'the file is UTF-16, as PowerShell and some Windows tools write it' : 'Latin-1 or Windows-1252? or a line cut inside a character'}); convert it (iconv -f ${utf16 ? 'utf-16' : 'latin1'} -t utf-8 in > out) and ingest it again`,
      { file: file.path, ...(line && !utf16 ? { line: Number(line) } : {}) },
    );
  }
  return new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `Cannot read ${file.path} as ${READ_AS_NAMES[how]}: ${message.split('\n')[0]}`, { file: file.path });
}

/** Whether DuckDB failed on text that is not UTF-8. */
const isNotUtf8 = (e: unknown): boolean => /Invalid unicode|not utf-8 encoded/i.test(errorMessage(e));

/**
 * Stages a JSON Lines file with lines that are not UTF-8 (the plain read failed on them): those lines are
 * quarantined as not_utf8 with their line number, the others staged with theirs (source_jsonl_not_utf8.sql). Only
 * where encoding is all the reader skipped; else the plain read's error stands. Returns false for that.
 */
async function stageNotUtf8(wh: Warehouse, compiled: CompiledMapping, file: SourceFile, idx: number): Promise<boolean> {
  const drop = 'DROP TABLE IF EXISTS ingest_encoded_lines; DROP TABLE IF EXISTS ingest_encoding_errors; DROP TABLE IF EXISTS ingest_encoding_scans';
  await wh.run(drop);
  try {
    // row_number() runs the scan on one thread: this is the rare file's path only
    await wh.run('CREATE TEMP TABLE ingest_encoded_lines AS SELECT row_number() OVER () AS p, raw FROM ingest_read_lines_rejecting($file)', { file: file.path });
    const other = await wh.one<{ n: number }>(`SELECT count(*) AS n FROM ingest_encoding_errors WHERE error_type <> 'INVALID ENCODING'`);
    if (Number(other?.n ?? 0) > 0) return false;
    await stageBatched(wh, compiled, sqlFile('queries/ingest/source_jsonl_not_utf8'), {}, idx);
    return true;
  } finally {
    await wh.run(drop);
  }
}

/** Whether a file starts with a UTF-16 byte-order mark (FF FE or FE FF), gzip or not. */
function isUtf16(path: string): boolean {
  const head = readHeadBytes(path);
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

export interface StagedFile {
  path: string;
  rows: number;
  read_as: ReadAs;
  /** Whether DuckDB's JSON reader parsed the file (stageParsed.ts) or its lines were split and parsed one by one. */
  reader: 'json' | 'lines';
}

/**
 * Records where the staged files' rows start in ingest_batch (line numbers are counted from there: see
 * ingest_rows) and returns each file's row count, blank lines (and rows that only hold a place) not counted.
 */
async function registerFiles(wh: Warehouse, files: { file: SourceFile; idx: number; how: ReadAs }[], reader: StagedFile['reader'] = 'lines'): Promise<StagedFile[]> {
  const first = files[0].idx;
  const last = files[files.length - 1].idx;
  const stats = await wh.all<{ file_idx: number; first_rowid: number; n: number }>(
    `SELECT file_idx, min(rowid) AS first_rowid, count(*) FILTER (WHERE reason IS NULL OR reason NOT IN ('blank', 'restaged')) AS n
     FROM ingest_batch WHERE file_idx BETWEEN $1 AND $2 GROUP BY file_idx`,
    [first, last],
  );
  const byIdx = new Map(stats.map((r) => [Number(r.file_idx), r]));
  await wh.run(
    `SET VARIABLE ingest_first_rowids = list_concat(getvariable('ingest_first_rowids'), CAST($1 AS BIGINT[]))`,
    // a file without rows (an empty day) has no first row; no row reads its entry
    [files.map((f) => Number(byIdx.get(f.idx)?.first_rowid ?? 0))],
  );
  await wh.run(`SET VARIABLE ingest_file_paths = list_concat(getvariable('ingest_file_paths'), CAST($1 AS VARCHAR[]))`, [files.map((f) => f.file.path)]);
  return files.map((f) => ({ path: f.file.path, rows: Number(byIdx.get(f.idx)?.n ?? 0), read_as: f.how, reader }));
}

/**
 * Runs a staging statement; when it fails at run time and the mapping's own SQL may be why, runs it again with
 * DuckDB's common-subexpression optimizer off. That optimizer can hoist a repeated part of a mapping expression
 * (the json_type(c) of a CASE over c) out of the try() compile.ts wraps it in, so an expression failing on one
 * record fails the statement; without it try() holds and the record is quarantined as mapping_error. Only a
 * run whose first attempt failed pays for the plan without it. The failed statement inserted nothing.
 */
async function runStaging(wh: Warehouse, compiled: CompiledMapping, insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (e) {
    if (!compiled.guarded || (e instanceof AssayError && e.code !== 'ASSAY_ERR_SQL') || STATEMENT_ERROR.test(errorMessage(e))) throw e;
    await wh.run("SET disabled_optimizers = 'common_subexpressions'");
    try {
      await insert();
    } finally {
      await wh.run('RESET disabled_optimizers');
    }
  }
}

/**
 * Bytes of source text staged per statement in batches (source_batches.sql): a sixteenth of DuckDB's memory limit,
 * at most 32 MiB. An OTLP export's spans take about sixteen times their text while mapped (their parses, the
 * span documents, the records); 32 MiB batches cost ~5% more time than one statement per file.
 */
async function batchBytes(wh: Warehouse): Promise<number> {
  const r = await wh.one<{ v: string }>(`SELECT current_setting('memory_limit') AS v`);
  const m = /([\d.]+)\s*([KMGT]i?B)/.exec(r?.v ?? '');
  const unit = { KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 }[m?.[2] ?? ''];
  const limit = m && unit ? Number(m[1]) * unit : Infinity;
  return Math.max(2 ** 20, Math.min(32 * 2 ** 20, Math.floor(limit / 16)));
}

/**
 * Stages one file's rows in batches. The source rows are first kept in order in ingest_source, so each one's
 * number is its position there; then, batch by batch of source text (batchBytes), they are mapped, typed and
 * checked into ingest_batch (for a mapping that expands its rows, expanded into ingest_expanded first), so a file
 * of large rows never has more of them in memory. DuckDB works on 2048 rows at a time, and every JSON function of
 * a mapping keeps its parses of those rows until the statement ends: 2048 OTLP export lines of 100 spans are 140 MB
 * of text before parsing, 2048 chat logs with long histories 230 MB (both ran out of 512 MB in one statement,
 * the chat logs of 1 GB too). A batch that still runs out is split in halves, down to a single row.
 * Expanding rows this way also numbers them without row_number(), which ran the whole scan on one thread.
 */
async function stageBatched(wh: Warehouse, compiled: CompiledMapping, source: string, params: Record<string, SqlValue>, idx: number): Promise<void> {
  const rows = `SELECT CAST($file_idx AS INTEGER) AS file_idx, coalesce(source_line, rowid + 1) AS source_line, raw, src_error
                FROM ingest_source WHERE rowid BETWEEN $lo AND $hi`;
  const stageRange = async (lo: number, hi: number): Promise<void> => {
    const range = { file_idx: idx, lo, hi };
    try {
      if (compiled.expand === null) await runStaging(wh, compiled, () => wh.run(stagingInsert(rows, compiled), range));
      else {
        await wh.run(`CREATE OR REPLACE TEMP TABLE ingest_expanded AS WITH src AS (${rows}) ${compiled.expand}`, range);
        await runStaging(wh, compiled, () => wh.run(stagingInsert('SELECT file_idx, source_line, raw, src_error FROM ingest_expanded', compiled)));
      }
    } catch (e) {
      // the failed statement inserted nothing
      if (!isOutOfMemory(e) || lo === hi) throw e;
      const mid = Math.floor((lo + hi) / 2);
      await stageRange(lo, mid);
      await stageRange(mid + 1, hi);
    }
  };
  try {
    await wh.run(`CREATE OR REPLACE TEMP TABLE ingest_source AS SELECT source_line, raw, src_error FROM (${source})`, params);
    const batches = await wh.all<{ lo: number; hi: number }>(sqlFile('queries/ingest/source_batches'), { budget: await batchBytes(wh) });
    for (const { lo, hi } of batches) await stageRange(lo, hi);
  } finally {
    await wh.run('DROP TABLE IF EXISTS ingest_source; DROP TABLE IF EXISTS ingest_expanded');
  }
}

/**
 * Maps, types and checks one file's rows into ingest_batch in one parallel scan (a mapping that expands rows, or
 * a file whose rows that scan has no memory for: in batches, see stageBatched). Returns the number of rows read
 * (blank lines not counted) and how the file was read.
 */
export async function stageFile(wh: Warehouse, file: SourceFile, idx: number, compiled: CompiledMapping): Promise<StagedFile> {
  const how = readAs(file);
  const source = how === 'parquet' ? await parquetSource(wh, file.path) : sqlFile(`queries/ingest/source_${how}`);
  try {
    // An empty CSV file (a day without traffic) has no header and no rows: nothing to stage.
    if (file.format !== 'csv' || (await parseCsv(wh, file.path))) {
      // CSV rows come from the tables parseCsv made, not from the file.
      const params: Record<string, SqlValue> = file.format === 'csv' ? {} : { file: file.path };
      if (compiled.expand !== null) await stageBatched(wh, compiled, source, params, idx);
      else {
        try {
          await runStaging(wh, compiled, () =>
            wh.run(stagingInsert(`SELECT CAST($file_idx AS INTEGER) AS file_idx, source_line, raw, src_error FROM (${source})`, compiled), {
              ...params,
              file_idx: idx,
            }),
          );
        } catch (e) {
          // large rows (long chat histories): the failed statement inserted nothing; read the file in batches
          if (!isOutOfMemory(e)) throw e;
          await stageBatched(wh, compiled, source, params, idx);
        }
      }
    }
  } catch (e) {
    // a line or a few of another encoding: quarantined, the file's other lines load
    if (!(how === 'jsonl' && isNotUtf8(e) && !isUtf16(file.path) && (await stageNotUtf8(wh, compiled, file, idx)))) throw readError(e, file, how);
  }
  return (await registerFiles(wh, [{ file, idx, how }]))[0];
}

/**
 * Stages the run's files in order, numbering them from 0. Consecutive JSON Lines files (a directory of daily
 * logs) are read by one scan: each file's own statement cost ~80 ms of planning and start-up over its rows
 * (30 daily files of a 1M-record month took 2.4 s longer than the same records in one file). When that scan
 * fails, the files are read one by one, so the error names the file (and line) at fault; the failed
 * statement inserted nothing (so they are also when it runs out of memory). A mapping that expands envelopes
 * stages each file apart (stageBatched).
 */
export async function stageFiles(
  wh: Warehouse,
  files: SourceFile[],
  compiled: CompiledMapping,
  progress: (staged: StagedFile[], done: number, ms: number) => void,
  options: { parsedReader?: boolean } = {},
): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  const plan = files.map((file, idx) => ({ file, idx, how: readAs(file) }));
  let i = 0;
  while (i < plan.length) {
    let j = i + 1;
    if (plan[i].how === 'jsonl' && compiled.expand === null) while (j < plan.length && plan[j].how === 'jsonl') j++;
    const group = plan.slice(i, j);
    const t0 = Date.now();
    let done: StagedFile[];
    // JSON Lines through DuckDB's JSON reader where the mapping allows (stageParsed.ts), else from their lines
    if (group[0].how === 'jsonl' && options.parsedReader !== false && (await stageParsed(wh, compiled, group.map((g) => g.file.path), group[0].idx))) {
      done = await registerFiles(wh, group, 'json');
    } else if (group.length === 1) done = [await stageFile(wh, group[0].file, group[0].idx, compiled)];
    else {
      try {
        await wh.run(
          stagingInsert(
            `SELECT CAST(list_position($files, filename) - 1 + $first_idx AS INTEGER) AS file_idx, source_line, raw, src_error
             FROM (${sqlFile('queries/ingest/source_jsonl_files')})`,
            compiled,
          ),
          { files: group.map((g) => g.file.path), first_idx: group[0].idx },
        );
        done = await registerFiles(wh, group);
      } catch (e) {
        if (e instanceof AssayError && e.code !== 'ASSAY_ERR_SQL' && !isOutOfMemory(e)) throw e;
        if (STATEMENT_ERROR.test(errorMessage(e))) throw e;
        done = [];
        for (const g of group) done.push(await stageFile(wh, g.file, g.idx, compiled));
      }
    }
    staged.push(...done);
    progress(done, staged.length, Date.now() - t0);
    i = j;
  }
  return staged;
}

import { AssayError, errorMessage } from '../errors.ts';
import { sqlFile, sqlLiteral } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';
import type { CompiledMapping } from './compile.ts';

/**
 * Rows without a good record beyond which their lines are not gathered (the text of all of them is held at once):
 * more than this many and more than this share of the rows (then splitting all lines costs no more).
 */
const MAX_BAD = { rows: 100_000, share: 0.1 };

/** Errors DuckDB raises for a statement itself: a fault of this code, not of the file; never a reason to fall back. */
const STATEMENT_ERROR = /\b(Parser|Binder|Catalog|Not implemented) Error/;

interface FileRows {
  file_idx: number;
  first_rowid: number;
  rows: number;
  bad: number;
}

interface FileLines {
  file_idx: number;
  lines: number;
  first_g: number;
  skipped: number;
  first_skipped: number | null;
  all_blank: boolean | null;
  fetched: number;
}

const TEMP_TABLES = ['ingest_parsed_files', 'ingest_wanted', 'ingest_parsed_lines'];

/**
 * Stages consecutive JSON Lines files (`paths`, numbered from `firstIdx`) with DuckDB's JSON reader, which parses
 * a line twice as fast as from_json does once the file is split into lines (the way every other source is read),
 * for a mapping that only reads plain key paths (compiled.parsed). The reader skips blank lines and keeps neither
 * line numbers nor text, so its rows are checked against the lines: one count of each file's lines when every row
 * is good, else one scan, numbered on one thread, that gathers the text of each row that is not good (the reader's
 * NULL for a line that is not JSON or not an object) and of the lines it skips. Those rows are then staged from
 * their lines the usual way, so their reasons and text are what splitting the lines gives. A row's position in
 * its file stays its line number as long as only trailing lines are blank; where a blank line comes before a
 * row, or the reader read the file otherwise (a line of whitespace the lines staging calls malformed), or too
 * many rows are bad (MAX_BAD), or the reader fails (a file that is not UTF-8, too little memory), the rows
 * are removed again and false returned: the caller stages the files from their lines.
 */
export async function stageParsed(wh: Warehouse, compiled: CompiledMapping, paths: string[], firstIdx: number): Promise<boolean> {
  const parsed = compiled.parsed;
  if (!parsed) return false;
  const lastIdx = firstIdx + paths.length - 1;
  const group = { files: paths, first_idx: firstIdx };
  try {
    const source = sqlFile('queries/ingest/source_jsonl_parsed').replace('/*type*/', sqlLiteral(parsed.type));
    await wh.run(`INSERT INTO ingest_batch BY NAME WITH src AS (${source}) ${parsed.select}`, group);
    if (await checkAndRepair(wh, compiled, paths, firstIdx, lastIdx)) return true;
  } catch (e) {
    // anything else the file does (not UTF-8, a line too long) or lacks (memory) the lines staging reports or handles
    if (!(e instanceof AssayError) || STATEMENT_ERROR.test(errorMessage(e))) throw e;
  } finally {
    await wh.run(TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
  }
  await wh.run('DELETE FROM ingest_batch WHERE file_idx BETWEEN $1 AND $2', [firstIdx, lastIdx]);
  return false;
}

/** Checks the staged rows of the files against their lines and stages the rows that are not good from their lines; false when it cannot. */
async function checkAndRepair(wh: Warehouse, compiled: CompiledMapping, paths: string[], firstIdx: number, lastIdx: number): Promise<boolean> {
  await wh.run(
    `CREATE OR REPLACE TEMP TABLE ingest_parsed_files AS
     SELECT file_idx, min(rowid) AS first_rowid, count(*) AS rows, count(*) FILTER (WHERE reason IS NOT NULL) AS bad
     FROM ingest_batch WHERE file_idx BETWEEN $1 AND $2 GROUP BY file_idx`,
    [firstIdx, lastIdx],
  );
  const byIdx = new Map((await wh.all<FileRows>('SELECT * FROM ingest_parsed_files')).map((r) => [Number(r.file_idx), r]));
  const rows = paths.map((_p, i) => Number(byIdx.get(firstIdx + i)?.rows ?? 0));
  const bad = paths.map((_p, i) => Number(byIdx.get(firstIdx + i)?.bad ?? 0));
  const total = rows.reduce((a, b) => a + b, 0);
  const totalBad = bad.reduce((a, b) => a + b, 0);
  if (totalBad > MAX_BAD.rows && totalBad > MAX_BAD.share * total) return false;
  const group = { files: paths, first_idx: firstIdx };

  // Every row good: the rows are the lines when there are as many.
  let lines = rows;
  if (totalBad === 0) {
    const counted = await wh.all<{ file_idx: number; lines: number }>(
      `SELECT CAST(list_position($files, filename) - 1 + $first_idx AS INTEGER) AS file_idx, count(*) AS lines
       FROM ingest_read_lines_files($files) GROUP BY filename`,
      group,
    );
    const n = new Map(counted.map((r) => [Number(r.file_idx), Number(r.lines)]));
    lines = paths.map((_p, i) => n.get(firstIdx + i) ?? 0);
    if (lines.every((l, i) => l === rows[i])) return true;
  }

  // The lines of the rows that are not good, numbered in the scan of all files: a file's rows start after the
  // lines of the files before it (assumed as many as their rows until a scan has counted them).
  const linesBefore = (n: number[]) => n.map((_l, i) => n.slice(0, i).reduce((a, b) => a + b, 0));
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = linesBefore(lines);
    await wh.run(
      `CREATE OR REPLACE TEMP TABLE ingest_wanted AS
       SELECT b.rowid - f.first_rowid + 1 + CAST($before AS BIGINT[])[b.file_idx - $first_idx + 1] AS g
       FROM ingest_batch b JOIN ingest_parsed_files f USING (file_idx)
       WHERE b.file_idx BETWEEN $first_idx AND $last_idx AND b.reason IS NOT NULL`,
      { before, first_idx: firstIdx, last_idx: lastIdx },
    );
    await wh.run(sqlFile('queries/ingest/parsed_lines'), group);
    const found = new Map(
      (
        await wh.all<FileLines>(
          `SELECT file_idx, lines, first_g,
                  len(list_filter(kept, k -> k.skipped)) AS skipped,
                  list_min(list_transform(list_filter(kept, k -> k.skipped), k -> k.g)) - first_g + 1 AS first_skipped,
                  list_bool_and(list_transform(list_filter(kept, k -> k.skipped), k -> k.raw IS NULL OR trim(k.raw) = '')) AS all_blank,
                  len(list_filter(kept, k -> NOT k.skipped)) AS fetched
           FROM ingest_parsed_lines`,
        )
      ).map((r) => [Number(r.file_idx), r]),
    );
    const counted = paths.map((_p, i) => Number(found.get(firstIdx + i)?.lines ?? 0));
    const aligned = paths.every((_p, i) => {
      const f = found.get(firstIdx + i);
      if (!f) return rows[i] === 0;
      const skipped = Number(f.skipped);
      // every line the reader skipped is blank to the lines staging too, and comes after the file's last row
      return Number(f.lines) === rows[i] + skipped && (skipped === 0 || (Number(f.first_skipped) > rows[i] && f.all_blank === true));
    });
    if (!aligned) return false;
    if (linesBefore(counted).some((b, i) => b !== before[i])) {
      // a file before others ends in blank lines: their rows were looked for at the wrong numbers
      lines = counted;
      continue;
    }
    if (paths.some((_p, i) => Number(found.get(firstIdx + i)?.fetched ?? 0) !== bad[i])) return false;
    await restage(wh, compiled);
    return true;
  }
  return false;
}

/**
 * Stages the gathered lines the usual way, each with its line number, after the rows of the run so far. The
 * reader's rows for them stay, as places (reason 'restaged'): updating them in place cost 0.2 s for a thousand
 * rows, and left every later scan of ingest_batch slower.
 */
async function restage(wh: Warehouse, compiled: CompiledMapping): Promise<void> {
  await wh.run(`INSERT INTO ingest_batch BY NAME WITH src AS (${sqlFile('queries/ingest/parsed_restage')}) ${compiled.select}`);
}

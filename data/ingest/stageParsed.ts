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

/** Whether an error is the file's (or the machine's: memory), after which the files are staged from their lines. */
const isReadFailure = (e: unknown) => e instanceof AssayError && !STATEMENT_ERROR.test(errorMessage(e));

interface FileLines {
  file_idx: number;
  lines: number;
  first_g: number;
  skipped: number;
  first_skipped: number | null;
  all_blank: boolean | null;
  fetched: number;
}

/**
 * What the check of a group of files against their lines needs from the staged rows: each file's rows and rows
 * without a good record (bad), and where those are (wantedFile: the file's place in the group, wantedRow: the
 * row's position in its file, from 1).
 */
interface GroupRows {
  paths: string[];
  firstIdx: number;
  rows: number[];
  bad: number[];
  wantedFile: number[];
  wantedRow: number[];
}

const LINE_TEMP_TABLES = ['ingest_wanted', 'ingest_parsed_lines'];

/** Where checkLines puts the lines to stage again: a temporary table of the connection, or one of ingest_lines. */
interface LinesTable {
  name: string;
  temporary: boolean;
}

/**
 * Stages consecutive JSON Lines files (`paths`, numbered from `firstIdx`) with DuckDB's JSON reader, which parses
 * a line twice as fast as from_json does once the file is split into lines (the way every other source is read),
 * for a mapping that only reads plain key paths (compiled.parsed). The reader skips blank lines and keeps neither
 * line numbers nor text, so its rows are checked against the lines (checkLines): one count of each file's lines
 * when every row is good, else one scan, numbered on one thread, that gathers the text of each row that is not
 * good (the reader's NULL for a line that is not JSON or not an object) and of the lines it skips. Those rows are
 * then staged from their lines the usual way, so their reasons and text are what splitting the lines gives. A
 * row's position in its file stays its line number as long as only trailing lines are blank; where a blank line
 * comes before a row, or the reader read the file otherwise (a line of whitespace the lines staging calls
 * malformed), or too many rows are bad (MAX_BAD), or the reader fails (a file that is not UTF-8, too little
 * memory), the rows are removed again and false returned: the caller stages the files from their lines.
 *
 * With `checks`, the check runs on a connection of its own while the run goes on (LineChecks): 'deferred', the
 * reader's rows for bad lines then only hold their places until LineChecks.finish(). Not when a file's first
 * row is bad (a byte-order mark the reader fails on and the lines read: a good record, see finish()).
 */
export async function stageParsed(
  wh: Warehouse,
  compiled: CompiledMapping,
  paths: string[],
  firstIdx: number,
  checks?: LineChecks,
): Promise<'staged' | 'deferred' | false> {
  const parsed = compiled.parsed;
  if (!parsed) return false;
  const lastIdx = firstIdx + paths.length - 1;
  try {
    const source = sqlFile('queries/ingest/source_jsonl_parsed').replace('/*type*/', sqlLiteral(parsed.type));
    await wh.run(`INSERT INTO ingest_batch BY NAME WITH src AS (${source}) ${parsed.select}`, { files: paths, first_idx: firstIdx });
    const group = await groupRows(wh, paths, firstIdx);
    if (group) {
      if (checks && !group.wantedRow.includes(1)) {
        checks.start(group);
        return 'deferred';
      }
      const lines = await checkLines(wh, group, { name: 'ingest_restage_lines', temporary: true });
      if (lines !== false) {
        if (lines) await restage(wh, compiled, lines);
        return 'staged';
      }
    }
  } catch (e) {
    // anything else the file does (not UTF-8, a line too long) or lacks (memory) the lines staging reports or handles
    if (!isReadFailure(e)) throw e;
  } finally {
    await wh.run('DROP TABLE IF EXISTS ingest_restage_lines');
  }
  await wh.run('DELETE FROM ingest_batch WHERE file_idx BETWEEN $1 AND $2', [firstIdx, lastIdx]);
  return false;
}

/** The group's rows as checkLines needs them; null when too many are bad to gather their lines (MAX_BAD). */
async function groupRows(wh: Warehouse, paths: string[], firstIdx: number): Promise<GroupRows | null> {
  const lastIdx = firstIdx + paths.length - 1;
  const perFile = await wh.all<{ file_idx: number; first_rowid: number; rows: number; bad: number }>(
    `SELECT file_idx, min(rowid) AS first_rowid, count(*) AS rows, count(*) FILTER (WHERE reason IS NOT NULL) AS bad
     FROM ingest_batch WHERE file_idx BETWEEN $1 AND $2 GROUP BY file_idx`,
    [firstIdx, lastIdx],
  );
  const byIdx = new Map(perFile.map((r) => [Number(r.file_idx), r]));
  const at = (i: number) => byIdx.get(firstIdx + i);
  const rows = paths.map((_p, i) => Number(at(i)?.rows ?? 0));
  const bad = paths.map((_p, i) => Number(at(i)?.bad ?? 0));
  const total = rows.reduce((a, b) => a + b, 0);
  const totalBad = bad.reduce((a, b) => a + b, 0);
  if (totalBad > MAX_BAD.rows && totalBad > MAX_BAD.share * total) return null;
  // each bad row's place: its file in the group and its position among the file's rows
  const wanted = totalBad === 0
    ? { f: [], r: [] }
    : (await wh.one<{ f: number[]; r: number[] }>(
        `SELECT coalesce(list(file_idx - $first_idx ORDER BY rowid), []) AS f,
                coalesce(list(rowid - CAST($first_rowids AS BIGINT[])[file_idx - $first_idx + 1] + 1 ORDER BY rowid), []) AS r
         FROM ingest_batch WHERE file_idx BETWEEN $first_idx AND $last_idx AND reason IS NOT NULL`,
        { first_idx: firstIdx, last_idx: lastIdx, first_rowids: paths.map((_p, i) => Number(at(i)?.first_rowid ?? 0)) },
      ))!;
  return { paths, firstIdx, rows, bad, wantedFile: wanted.f.map(Number), wantedRow: wanted.r.map(Number) };
}

/**
 * Checks the group's rows against the files' lines, on connection `lw` (which only reads the files): the name of a
 * table it made there (`out`) of the lines to stage again (file_idx, source_line, raw, src_error), null when there
 * are none, false when the rows are not the lines (the files must be staged from their lines).
 */
async function checkLines(lw: Warehouse, g: GroupRows, out: LinesTable): Promise<string | null | false> {
  const files = { files: g.paths, first_idx: g.firstIdx };
  // Every row good: the rows are the lines when there are as many.
  let lines = g.rows;
  if (g.bad.every((b) => b === 0)) {
    const counted = await lw.all<{ file_idx: number; lines: number }>(
      `SELECT CAST(list_position($files, filename) - 1 + $first_idx AS INTEGER) AS file_idx, count(*) AS lines
       FROM ingest_read_lines_files($files) GROUP BY filename`,
      files,
    );
    const n = new Map(counted.map((r) => [Number(r.file_idx), Number(r.lines)]));
    lines = g.paths.map((_p, i) => n.get(g.firstIdx + i) ?? 0);
    if (lines.every((l, i) => l === g.rows[i])) return null;
  }

  // The lines of the rows that are not good, numbered in the scan of all files: a file's rows start after the
  // lines of the files before it (assumed as many as their rows until a scan has counted them).
  const linesBefore = (n: number[]) => n.map((_l, i) => n.slice(0, i).reduce((a, b) => a + b, 0));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = linesBefore(lines);
      await lw.run(
        `CREATE OR REPLACE TEMP TABLE ingest_wanted AS
         SELECT CAST($before AS BIGINT[])[f + 1] + r AS g
         FROM (SELECT unnest(CAST($wanted_file AS INTEGER[])) AS f, unnest(CAST($wanted_row AS BIGINT[])) AS r)`,
        { before, wanted_file: g.wantedFile, wanted_row: g.wantedRow },
      );
      await lw.run(sqlFile('queries/ingest/parsed_lines'), files);
      const found = new Map(
        (
          await lw.all<FileLines>(
            `SELECT file_idx, lines, first_g,
                    len(list_filter(kept, k -> k.skipped)) AS skipped,
                    list_min(list_transform(list_filter(kept, k -> k.skipped), k -> k.g)) - first_g + 1 AS first_skipped,
                    list_bool_and(list_transform(list_filter(kept, k -> k.skipped), k -> k.raw IS NULL OR trim(k.raw) = '')) AS all_blank,
                    len(list_filter(kept, k -> NOT k.skipped)) AS fetched
             FROM ingest_parsed_lines`,
          )
        ).map((r) => [Number(r.file_idx), r]),
      );
      const counted = g.paths.map((_p, i) => Number(found.get(g.firstIdx + i)?.lines ?? 0));
      const aligned = g.paths.every((_p, i) => {
        const f = found.get(g.firstIdx + i);
        if (!f) return g.rows[i] === 0;
        const skipped = Number(f.skipped);
        // every line the reader skipped is blank to the lines staging too, and comes after the file's last row
        return Number(f.lines) === g.rows[i] + skipped && (skipped === 0 || (Number(f.first_skipped) > g.rows[i] && f.all_blank === true));
      });
      if (!aligned) return false;
      if (linesBefore(counted).some((b, i) => b !== before[i])) {
        // a file before others ends in blank lines: their rows were looked for at the wrong numbers
        lines = counted;
        continue;
      }
      if (g.paths.some((_p, i) => Number(found.get(g.firstIdx + i)?.fetched ?? 0) !== g.bad[i])) return false;
      if (g.bad.every((b) => b === 0)) return null;
      await lw.run(`CREATE OR REPLACE ${out.temporary ? 'TEMP ' : ''}TABLE ${out.name} AS ${sqlFile('queries/ingest/parsed_restage')}`);
      return out.name;
    }
    return false;
  } finally {
    await lw.run(LINE_TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
  }
}

/**
 * Stages the gathered lines (table `lines`) the usual way, each with its line number, after the rows of the run
 * so far. The reader's rows for them stay, as places (reason 'restaged'): updating them in place cost 0.2 s for
 * a thousand rows, and left every later scan of ingest_batch slower.
 */
async function restage(wh: Warehouse, compiled: CompiledMapping, lines: string): Promise<void> {
  await wh.run(`INSERT INTO ingest_batch BY NAME WITH src AS (SELECT file_idx, source_line, raw, src_error FROM ${lines}) ${compiled.select}`);
}

/** A run's files must be staged again from their lines: the JSON reader's rows were not what the lines hold. */
export class LinesDisagree extends Error {
  constructor(readonly why: string) {
    super(`the JSON reader's rows are not the files' lines (${why}); staging them from their lines`);
  }
}

/**
 * The checks of the JSON reader's rows against the files' lines (checkLines), run on a second connection of the
 * same database while the ingest goes on: the numbered scan of the lines runs on one thread (0.35 s for a
 * million), and alongside the routing and the records insert it takes the machine's other core instead of time.
 * It only reads the files; the lines it gathers wait in an in-memory database of the instance (ingest_lines)
 * until finish() stages them. When a check finds the rows are not the lines, or a line staged again is a good
 * record (it could have been the first copy of an id already decided), finish() says so and the run is staged
 * again without deferring (the job rolls back its transaction first): right always, slower only then.
 */
export class LineChecks {
  private conn: Promise<Warehouse> | null = null;
  private readonly pending: Promise<string | null | false>[] = [];
  private readonly tables: string[] = [];

  private constructor(private readonly wh: Warehouse) {}

  static async create(wh: Warehouse): Promise<LineChecks> {
    await wh.run(`ATTACH IF NOT EXISTS ':memory:' AS ingest_lines`);
    return new LineChecks(wh);
  }

  /** Starts checking a group of files; the run goes on. */
  start(group: GroupRows): void {
    this.conn ??= this.wh.connect();
    const table = `ingest_lines.group_${this.tables.length}`;
    this.tables.push(table);
    const check = this.conn.then(async (lw) => {
      try {
        return await checkLines(lw, group, { name: table, temporary: false });
      } catch (e) {
        if (!isReadFailure(e)) throw e;
        return false;
      }
    });
    check.catch(() => undefined); // awaited in finish() or close()
    this.pending.push(check);
  }

  /**
   * Waits for every check and stages the lines they gathered. True when the run can go on; false when it must be
   * staged again without deferring (why: in `reason`).
   */
  async finish(compiled: CompiledMapping): Promise<{ ok: true } | { ok: false; reason: string }> {
    const results = await Promise.all(this.pending);
    if (results.some((r) => r === false)) return { ok: false, reason: 'blank or unreadable lines among the rows' };
    const lines = results.filter((r): r is string => typeof r === 'string');
    if (lines.length === 0) return { ok: true };
    const start = Number((await this.wh.one<{ n: number }>('SELECT coalesce(max(rowid) + 1, 0) AS n FROM ingest_batch'))!.n);
    for (const table of lines) await restage(this.wh, compiled, table);
    const good = await this.wh.one<{ n: number }>('SELECT count(*) AS n FROM ingest_batch WHERE rowid >= $1 AND reason IS NULL', [start]);
    if (Number(good!.n) > 0) return { ok: false, reason: 'a line the reader failed is a good record' };
    return { ok: true };
  }

  /** Waits for any check still running, drops what they gathered and closes their connection. */
  async close(): Promise<void> {
    await Promise.allSettled(this.pending);
    if (this.conn) {
      const lw = await this.conn;
      for (const t of this.tables) await lw.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
      lw.close();
    }
    await this.wh.run('DETACH DATABASE IF EXISTS ingest_lines');
  }
}

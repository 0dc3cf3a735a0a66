import {
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  listValue,
  type DuckDBConnection,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AssayError, errorMessage } from './errors.ts';
import { migrate } from './migrate.ts';
import { createViews } from './views.ts';
import { createMacros } from './macros.ts';

/** A value that can be bound to a `$n` / `$name` parameter. */
export type SqlValue = string | number | boolean | null | bigint | readonly string[] | readonly number[];
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory_limit, e.g. '4GB'. */
  memoryLimit?: string;
  /**
   * Read-write only. False: apply migrations and mark abandoned runs, but leave the macros and views as the file has
   * them, for a caller that created them with this code and knows nothing wrote the file since (`assay serve`
   * switching back to read-write for a job: recreating them all takes ~0.5 s).
   */
  recreateViews?: boolean;
}

/**
 * Results come back as plain JSON-friendly values: integers and decimals as numbers,
 * timestamps with time zone as ISO strings, dates as YYYY-MM-DD.
 */
const plain: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return Number(value as bigint);
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S: {
      // ±infinity (open-ended validity, e.g. model_prices) has no JS Date: keep DuckDB's text for it.
      if (typeof (value as { micros?: unknown }).micros === 'bigint' && isInfiniteMicros((value as { micros: bigint }).micros)) return String(value);
      const d = JSDuckDBValueConverter(value, type, JSDuckDBValueConverter) as Date;
      return Number.isFinite(d.getTime()) ? d.toISOString() : String(value);
    }
    case DuckDBTypeId.DATE:
      return String(value);
    case DuckDBTypeId.INTERVAL:
      return String(value);
    default:
      return JSDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<JS>);
  }
};

const INFINITE_MICROS = 2n ** 63n - 1n;
const isInfiniteMicros = (m: bigint) => m === INFINITE_MICROS || m === -INFINITE_MICROS;

/** A DECIMAL's digits or a JSON document's text, for output that must show the value as DuckDB holds it. */
export class ExactText {
  constructor(
    readonly text: string,
    readonly kind: 'number' | 'json',
  ) {}
}

/**
 * An instant (zone 'Z') or a wall-clock time ('') as ISO 8601 with every digit DuckDB keeps: milliseconds, or
 * micro/nanoseconds when they are not zero. The `plain` converter's Date stops at milliseconds.
 */
function isoTimestamp(units: bigint, perSecond: bigint, zone: 'Z' | '', text: string): string {
  if (isInfiniteMicros(units)) return units > 0n ? 'infinity' : '-infinity';
  let secs = units / perSecond;
  let frac = units % perSecond;
  if (frac < 0n) {
    frac += perSecond;
    secs -= 1n;
  }
  const d = new Date(Number(secs) * 1000);
  if (!Number.isFinite(d.getTime())) return text; // beyond JS dates (DuckDB's range is wider): DuckDB's own text
  let f = frac.toString().padStart(perSecond.toString().length - 1, '0');
  while (f.length > 3 && f.endsWith('000')) f = f.slice(0, -3);
  return `${d.toISOString().slice(0, -5)}.${f}${zone}`;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INFINITE_DAYS = 2 ** 31 - 1;

/**
 * Results as `assay sql` prints them: nothing rounded or dropped. Integers beyond 2^53 stay bigint, DECIMAL is
 * ExactText (a JSON column too, in stream(): a value's own type carries no JSON alias), timestamps keep
 * micro/nanoseconds (a TIMESTAMP without zone gets no 'Z'), TIME, INTERVAL,
 * BLOB and BIT are DuckDB's text, an infinite DATE is 'infinity'.
 */
const exact: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM: {
      const n = value as bigint;
      return n >= -SAFE && n <= SAFE ? Number(n) : n;
    }
    case DuckDBTypeId.DECIMAL:
      return new ExactText(String(value), 'number');
    case DuckDBTypeId.TIMESTAMP_TZ:
      return isoTimestamp((value as { micros: bigint }).micros, 1_000_000n, 'Z', String(value));
    case DuckDBTypeId.TIMESTAMP:
      return isoTimestamp((value as { micros: bigint }).micros, 1_000_000n, '', String(value));
    case DuckDBTypeId.TIMESTAMP_NS:
      return isoTimestamp((value as { nanos: bigint }).nanos, 1_000_000_000n, '', String(value));
    case DuckDBTypeId.TIMESTAMP_MS:
      return isoTimestamp((value as { millis: bigint }).millis * 1000n, 1_000_000n, '', String(value));
    case DuckDBTypeId.TIMESTAMP_S:
      return isoTimestamp((value as { seconds: bigint }).seconds * 1_000_000n, 1_000_000n, '', String(value));
    case DuckDBTypeId.DATE: {
      const days = (value as { days: number }).days;
      return Math.abs(days) === INFINITE_DAYS ? (days > 0 ? 'infinity' : '-infinity') : String(value);
    }
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.INTERVAL:
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.BIT:
      return String(value);
    default:
      return JSDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<JS>);
  }
};

function toDuckValue(v: SqlValue): DuckDBValue {
  if (Array.isArray(v)) return listValue(v as DuckDBValue[]);
  return v as DuckDBValue;
}

function bind(params?: SqlParams): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return params.map(toDuckValue);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toDuckValue(v as SqlValue)]));
}

/**
 * The warehouse: one DuckDB file. This is the only module that talks to @duckdb/node-api.
 * Opening read-write applies pending migrations, recreates macros and views, and marks runs
 * left 'running' by a process that died as 'abandoned' (DuckDB's file lock means no live
 * process can still be running them).
 */
export class Warehouse {
  private inTransaction = false;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** False for a second connection (connect()): closing it leaves the database open. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Another connection to the same open database (the HTTP server reads through one while a job writes
   * through the first): it sees committed data only, never a running job's half-done transaction.
   * Temporary tables and session settings are its own; the time zone is UTC as on the first.
   */
  async connect(): Promise<Warehouse> {
    const wh = new Warehouse(this.path, this.readOnly, this.instance, await this.instance.connect(), false);
    await wh.run(`SET TimeZone = 'UTC'`);
    return wh;
  }

  static async open(path: string, options: OpenOptions = {}): Promise<Warehouse> {
    const file = path === ':memory:' ? path : resolve(path);
    const readOnly = options.readOnly ?? false;
    if (file !== ':memory:') {
      if (readOnly && !existsSync(file)) {
        throw new AssayError('ASSAY_ERR_NO_DATA', `No warehouse at ${file}: run \`assay ingest\` or \`npm run demo\` first.`);
      }
      mkdirSync(dirname(file), { recursive: true });
    }
    const config: Record<string, string> = {};
    if (readOnly) config.access_mode = 'READ_ONLY';
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, config);
    } catch (e) {
      throw openError(file, e);
    }
    const conn = await instance.connect();
    const wh = new Warehouse(file, readOnly, instance, conn);
    // Report days and ISO weeks in UTC whatever the machine's zone is.
    await wh.run(`SET TimeZone = 'UTC'`);
    if (!readOnly) {
      try {
        const migrated = await migrate(wh);
        if (options.recreateViews !== false || migrated.length > 0) {
          await createMacros(wh);
          await createViews(wh);
        }
        await wh.run(`UPDATE job_runs SET status = 'abandoned', ended_at = now(),
          error_message = 'the process running this job stopped before it finished; its changes were rolled back'
          WHERE status = 'running'`);
        // The schema work into the file, not left in its WAL: DuckDB 1.5 cannot replay a WAL of catalog changes
        // read-only ("no default database set"), so a process killed before it ever closed the file (a new
        // warehouse, or new macros and views) left one that `assay sql`, `assay runs` and analysts could not open.
        await wh.checkpoint();
      } catch (e) {
        wh.close(); // a refused warehouse (a newer schema) is not left open, and locked, in this process
        throw e;
      }
    }
    return wh;
  }

  /** Runs a query and returns its rows as plain objects. */
  async all<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    try {
      const reader = await this.conn.runAndReadAll(sql, bind(params));
      return reader.convertRowObjects(plain) as T[];
    } catch (e) {
      throw wrapSqlError(e, sql);
    }
  }

  /** Runs a query and returns its rows plus the column names and DuckDB types. */
  /** How many statements a text holds (as DuckDB's parser splits it). */
  async statementCount(sql: string): Promise<number> {
    try {
      return (await this.conn.extractStatements(sql)).count;
    } catch (e) {
      throw wrapSqlError(e, sql);
    }
  }

  /**
   * Runs one statement and hands its rows over chunk by chunk (DuckDB's streaming result), converted by `exact`:
   * a result of millions of rows is never held at once. An error DuckDB finds while producing a later chunk is
   * thrown by the iteration.
   */
  async stream(sql: string): Promise<{ columns: { name: string; type: string }[]; chunks: AsyncIterable<unknown[][]> }> {
    let result: Awaited<ReturnType<DuckDBConnection['stream']>>;
    try {
      result = await this.conn.stream(sql);
    } catch (e) {
      throw wrapSqlError(e, sql);
    }
    const types = result.columnTypes();
    const columns = result.columnNames().map((name, i) => ({ name, type: types[i].alias ?? types[i].toString() }));
    const json = types.flatMap((t, i) => (t.alias === 'JSON' ? [i] : []));
    async function* chunks(): AsyncGenerator<unknown[][]> {
      try {
        for await (const rows of result.yieldConvertedRows(exact)) {
          for (const row of rows) for (const i of json) if (row[i] !== null) row[i] = new ExactText(row[i] as string, 'json');
          yield rows;
        }
      } catch (e) {
        throw wrapSqlError(e, sql);
      }
    }
    return { columns, chunks: chunks() };
  }

  async table(sql: string, params?: SqlParams): Promise<{ columns: { name: string; type: string }[]; rows: Row[] }> {
    try {
      const reader = await this.conn.runAndReadAll(sql, bind(params));
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return {
        columns: names.map((name, i) => ({ name, type: types[i].toString() })),
        rows: reader.convertRowObjects(plain) as Row[],
      };
    } catch (e) {
      throw wrapSqlError(e, sql);
    }
  }

  async one<T = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs a statement (or several, separated by `;`, when no params are given). */
  async run(sql: string, params?: SqlParams): Promise<void> {
    try {
      await this.conn.run(sql, bind(params));
    } catch (e) {
      throw wrapSqlError(e, sql);
    }
  }

  /**
   * Runs fn inside one transaction: either everything it wrote is committed, or nothing is.
   * A nested call joins the outer transaction.
   */
  async transaction<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    await this.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await fn(this);
      await this.run('COMMIT');
      return result;
    } catch (e) {
      try {
        await this.run('ROLLBACK');
      } catch {
        // the transaction may already be aborted by DuckDB; the original error matters more
      }
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  /** Cancels the query running on this connection. */
  interrupt(): void {
    this.conn.interrupt();
  }

  async checkpoint(): Promise<void> {
    if (!this.readOnly && this.path !== ':memory:') await this.run('CHECKPOINT');
  }

  close(): void {
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/**
 * The file held by another process, said so: DuckDB's message names only a PID and its executable (node), and
 * whoever meets it (an analyst's `assay sql`, an export, a job) needs to know what holds it and what to do.
 */
function openError(file: string, e: unknown): AssayError {
  const message = errorMessage(e);
  const lock = /Could not set lock on file.*?\(PID (\d+)\)/s.exec(message);
  if (!lock) return new AssayError('ASSAY_ERR_WAREHOUSE', `Cannot open warehouse ${file}: ${message}`);
  const pid = Number(lock[1]);
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 200);
  } catch {
    // not Linux, or the process is gone: the PID is still named
  }
  return new AssayError(
    'ASSAY_ERR_WAREHOUSE',
    `Cannot open warehouse ${file}: another process has it open (PID ${pid}${command ? `: ${command}` : ''}). DuckDB lets one process open a file for writing and no other process open it meanwhile, and a writer in only when no other process has it open, even read-only: \`assay serve\`, \`assay schedule\` and a job hold it for writing while a job runs (\`assay serve\` read-only in between), a DuckDB client until it disconnects. Wait for the job to end or stop that process; docs/warehouse.md ("While Assay runs") has the ways round it`,
    { pid },
  );
}

function wrapSqlError(e: unknown, sql: string): Error {
  if (e instanceof AssayError) return e;
  const oom = /Out of Memory Error: ([^\n]*)/.exec(errorMessage(e));
  if (oom) {
    return new AssayError(
      'ASSAY_ERR_OUT_OF_MEMORY',
      `DuckDB ran out of memory (${oom[1]}): raise warehouse.memory_limit in the config (unset, DuckDB takes 80% of the machine's RAM), or give the job less at once (fewer or smaller files)`,
    );
  }
  const err = new AssayError('ASSAY_ERR_SQL', errorMessage(e), { sql: sql.length > 2000 ? `${sql.slice(0, 2000)}…` : sql });
  return err;
}

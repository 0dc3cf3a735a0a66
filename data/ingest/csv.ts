import { AssayError } from '../errors.ts';
import { sqlFile, sqlLiteral } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';

/**
 * The CSV dialect, taken from the header line rather than DuckDB's sniffer: the sniffer samples rows, and
 * one malformed row (an unterminated quote) makes it pick "no quoting", which silently misreads every
 * quoted field. Quotes are RFC 4180 ('"', doubled inside a field).
 */
export interface CsvDialect {
  delimiter: string;
  columns: string[];
  /** The header's physical line: 2 below a spreadsheet's `sep=;` delimiter hint, else 1. */
  headerLine: number;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Splits one header line on the delimiter, honouring double quotes. */
function splitHeader(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Excel's delimiter hint, a first line `sep=;` that some exporters write so a spreadsheet splits the file right. */
const SEP_HINT = /^"?sep=(.)"?$/i;

/** The delimiter `hint` names (a sep= line), else the one that splits the header into the most columns (ties: the order of DELIMITERS). */
export function parseCsvHeader(line: string, file: string, hint?: string, headerLine = 1): CsvDialect {
  const header = line.replace(/^\uFEFF/, '');
  let best = { delimiter: hint ?? ',', columns: splitHeader(header, hint ?? ',') };
  for (const d of hint ? [] : DELIMITERS.slice(1)) {
    const columns = splitHeader(header, d);
    if (columns.length > best.columns.length) best = { delimiter: d, columns };
  }
  if (/^\s*[[{]/.test(header)) {
    throw new AssayError(
      'ASSAY_ERR_INPUT_UNREADABLE',
      `${file}:${headerLine}: this looks like JSON, not CSV (its first line starts with '${header.trimStart()[0]}'): read it as JSON (--format, the ingest job's \`format\`: jsonl or json, or none for a .jsonl/.json name)`,
      { file, line: headerLine },
    );
  }
  // A delimiter closing every line (a trailing ',') makes an unnamed last column, and pandas' to_csv() an unnamed
  // first one (its index): named as DuckDB names one, so the mapping's columns still read.
  if (best.columns.length > 2 && best.columns[best.columns.length - 1] === '') best.columns[best.columns.length - 1] = `column${best.columns.length - 1}`;
  if (best.columns.length > 2 && best.columns[0] === '' && best.columns.slice(1).every((c) => c !== '')) best.columns[0] = 'column0';
  const empty = best.columns.findIndex((c) => c === '');
  if (best.columns.length < 2 || empty >= 0) {
    throw new AssayError(
      'ASSAY_ERR_INPUT_UNREADABLE',
      `${file}:${headerLine}: a CSV file needs a header line naming its columns${empty >= 0 ? ` (column ${empty + 1} has no name)` : ''}`,
      { file, line: headerLine },
    );
  }
  // DuckDB's column names are case-insensitive: 'id' and 'ID' are the same column to it
  const seen = new Map<string, string>();
  for (const c of best.columns) {
    const first = seen.get(c.toLowerCase());
    if (first !== undefined) {
      throw new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `${file}:${headerLine}: column '${c}' appears twice in the CSV header${first === c ? '' : ` (as '${first}' too: column names are case-insensitive)`}`, { file, line: headerLine, field: c });
    }
    seen.set(c.toLowerCase(), c);
  }
  return { ...best, headerLine };
}

/** The dialect of a CSV file, or null for an empty file (a day without traffic), which holds no rows. */
export async function readCsvDialect(wh: Warehouse, file: string): Promise<CsvDialect | null> {
  const lines = (await wh.all<{ raw: string | null }>(`${sqlFile('queries/ingest/source_lines')} LIMIT 2`, { file })).map((r) => r.raw);
  if (lines.length === 0) return null;
  const hint = SEP_HINT.exec(lines[0]?.replace(/^\uFEFF/, '').trim() ?? '');
  const headerLine = hint ? 2 : 1;
  const header = lines[headerLine - 1];
  if (!header) throw new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `${file}:${headerLine}: the CSV header line is ${header === undefined ? 'missing' : 'blank'}`, { file, line: headerLine });
  return parseCsvHeader(header, file, hint?.[1], headerLine);
}

/** read_csv options for the dialect: every column as text, so one bad cell cannot fail the file. */
export function csvReadOptions(d: CsvDialect): string {
  const columns = `{${d.columns.map((c) => `${sqlLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  return `columns = ${columns}, delim = ${sqlLiteral(d.delimiter)}, skip = ${d.headerLine - 1}`;
}

/**
 * An RE2 pattern matching a line that, read from the start of a field, ends inside a quoted field, as
 * DuckDB's reader quotes: a field opens a quote when it starts with '"' or one space and '"' (two spaces and
 * the quote is text), '""' inside is a quote, and the closing '"' is followed by anything up to the
 * delimiter (the reader rejects all but spaces); a field that does not start so is unquoted text, its quotes
 * text too (5" tall). source_csv.sql finds where records start with it.
 */
export function openQuotePattern(delimiter: string): string {
  const d = `[${delimiter}]`;
  const text = `[^${delimiter}]*`;
  const quoted = ` ?"(?:[^"]|"")*`;
  const field = `(?:${quoted}"(?:[^"${delimiter}]${text})?|(?:[^" ${delimiter}]${text}| (?:[^"${delimiter}]${text})?)?)`;
  return `(?:${field}${d})*${quoted}`;
}

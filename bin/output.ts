/** Printing helpers shared by the commands: aligned tables for people, JSON/CSV for machines. */
import { ExactText } from '../data/warehouse.ts';

export type Cell = unknown;

/** A number for people: six significant digits, but never fewer than its integer digits (123456789.12 stays 123456789.1). */
function readableNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const digits = Math.floor(Math.log10(Math.abs(v))) + 1;
  return String(Number(v.toPrecision(Math.min(21, Math.max(6, digits + 1)))));
}

/**
 * JSON text of a value as `assay sql` has it: bigints and DECIMAL digits as JSON numbers (JSON.stringify refused a
 * bigint, and a Number rounded 2^53 + 1), a JSON column's document as itself, NaN and ±Infinity as the strings
 * "NaN", "Infinity", "-Infinity" (JSON has no such numbers: they were null, the same as NULL).
 */
export function jsonText(v: unknown, indent = '', step = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (v instanceof ExactText) return v.kind === 'number' || isJson(v.text) ? v.text : JSON.stringify(v.text);
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return jsonText((v as { toJSON: () => unknown }).toJSON(), indent, step);
  const inner = indent + step;
  const nl = step ? `\n${inner}` : '';
  const end = step ? `\n${indent}` : '';
  if (Array.isArray(v)) return v.length ? `[${v.map((x) => `${nl}${jsonText(x, inner, step)}`).join(',')}${end}]` : '[]';
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined); // as JSON.stringify does
  const sep = step ? ': ' : ':';
  return entries.length ? `{${entries.map(([k, x]) => `${nl}${JSON.stringify(k)}${sep}${jsonText(x, inner, step)}`).join(',')}${end}}` : '{}';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function cellText(v: Cell, exact = false): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return exact ? String(v) : readableNumber(v);
  if (v instanceof ExactText) return v.text;
  if (typeof v === 'object') return jsonText(v);
  return String(v);
}

/**
 * A value as a table cell shows it: whitespace runs as one space, and control and bidi characters (from the logs:
 * a tenant named with ESC[2J cleared the screen, a U+202E reversed the row) as a visible `\u001b`-style escape.
 */
export function cellForTerminal(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Column widths for a table: the header's or the widest cell's, at most 60. */
export function tableWidths(cols: string[], body: string[][]): number[] {
  // A loop, not Math.max(...spread): a result of a few hundred thousand rows would overflow the stack.
  return cols.map((c, i) => Math.min(60, body.reduce((w, r) => Math.max(w, r[i].length), c.length)));
}

const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));

export function tableHeader(cols: string[], widths: number[]): string {
  return `${cols.map((c, i) => clip(c, widths[i])).join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`;
}

/** One row of cells, already made safe for a terminal (cellForTerminal). */
export function tableLine(cells: string[], widths: number[]): string {
  return cells.map((s, i) => clip(s, widths[i])).join('  ').trimEnd();
}

export function formatTable(rows: Record<string, Cell>[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (cols.length === 0) return '(no rows)';
  const body = rows.map((r) => cols.map((c) => cellForTerminal(cellText(r[c]))));
  const widths = tableWidths(cols, body);
  const lines = [tableHeader(cols, widths), ...body.map((r) => tableLine(r, widths))];
  if (rows.length === 0) lines.push('(no rows)');
  return lines.join('\n');
}

/** One CSV record (RFC 4180): a cell with a quote, comma or line break is quoted. */
export function csvLine(cells: Cell[]): string {
  return cells
    .map((v) => {
      const s = cellText(v, true);
      return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',');
}

export function formatCsv(rows: Record<string, Cell>[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  // the header is quoted as the cells are: a column named by its expression (`coalesce(NULL, 'a')`) holds a comma
  return [csvLine(cols), ...rows.map((r) => csvLine(cols.map((c) => r[c])))].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(value, '', '  ')}\n`);
}

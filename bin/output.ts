/** Printing helpers shared by the commands: aligned tables for people, JSON/CSV for machines. */

export type Cell = unknown;

/** A number for people: six significant digits, but never fewer than its integer digits (123456789.12 stays 123456789.1). */
function readableNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  const digits = Math.floor(Math.log10(Math.abs(v))) + 1;
  return String(Number(v.toPrecision(Math.min(21, Math.max(6, digits + 1)))));
}

function cellText(v: Cell, exact = false): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return exact ? String(v) : readableNumber(v);
  if (typeof v === 'object') return JSON.stringify(v);
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

export function formatTable(rows: Record<string, Cell>[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (cols.length === 0) return '(no rows)';
  const body = rows.map((r) => cols.map((c) => cellForTerminal(cellText(r[c]))));
  // A loop, not Math.max(...spread): a result of a few hundred thousand rows would overflow the stack.
  const widths = cols.map((c, i) => Math.min(60, body.reduce((w, r) => Math.max(w, r[i].length), c.length)));
  const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const lines = [cols.map((c, i) => clip(c, widths[i])).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of body) lines.push(r.map((s, i) => clip(s, widths[i])).join('  ').trimEnd());
  if (rows.length === 0) lines.push('(no rows)');
  return lines.join('\n');
}

export function formatCsv(rows: Record<string, Cell>[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const esc = (v: Cell) => {
    const s = cellText(v, true);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  // the header is quoted as the cells are: a column named by its expression (`coalesce(NULL, 'a')`) holds a comma
  return [cols.map((c) => esc(c)).join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AssayError, errorMessage } from '../errors.ts';
import type { Warehouse } from '../warehouse.ts';
import { parseMatchRule, type MatchRule } from './matchRule.ts';
import { isCalendarDay } from '../isoDate.ts';

/** Columns of a price file (shipped data/prices/prices.csv and a user's cost.prices_file alike). */
export const PRICE_COLUMNS = [
  'provider', 'model', 'match', 'effective_from', 'effective_to', 'time_from', 'time_to',
  'input_mtok', 'cached_input_mtok', 'output_mtok', 'request_usd',
  'tier_threshold_tokens', 'tier_input_mtok', 'tier_cached_input_mtok', 'tier_output_mtok',
] as const;

export const PROVIDER_COLUMNS = ['provider', 'name', 'model_match', 'provider_match', 'fallback_providers', 'pricing_url'] as const;

/** USD per million tokens (request_usd per request); the tier applies to a request with more input tokens than the threshold. */
export interface PriceValues {
  input_mtok: number | null;
  cached_input_mtok: number | null;
  output_mtok: number | null;
  request_usd: number | null;
  tier_threshold_tokens: number | null;
  tier_input_mtok: number | null;
  tier_cached_input_mtok: number | null;
  tier_output_mtok: number | null;
}

export const PRICE_KEYS = [
  'input_mtok', 'cached_input_mtok', 'output_mtok', 'request_usd',
  'tier_threshold_tokens', 'tier_input_mtok', 'tier_cached_input_mtok', 'tier_output_mtok',
] as const satisfies readonly (keyof PriceValues)[];

/** One validated row: a price of one entry for one period (date range × UTC time-of-day window). */
export interface PriceRow extends PriceValues {
  source: 'shipped' | 'user';
  file: string;
  line: number;
  provider: string;
  model: string;
  match: MatchRule;
  match_text: string;
  /** ISO timestamps; null = open. */
  effective_from: string | null;
  effective_to: string | null;
  /** Seconds after UTC midnight: [time_from_s, time_to_s). */
  time_from_s: number;
  time_to_s: number;
}

export interface ProviderRow {
  provider: string;
  name: string;
  model_match: MatchRule | null;
  /** Which provider names (a `provider/model` id's prefix, e.g. `bedrock`, `vertex_ai`) mean this provider; null: only its id. */
  provider_match: MatchRule | null;
  fallback_providers: string[];
  pricing_url: string | null;
}

export interface PriceFile<R> {
  file: string;
  /** The `# source: …` line of a generated file, else null. */
  source: string | null;
  rows: R[];
  /** Exact bytes, for the version hash. */
  text: string;
}

interface Issue {
  line: number;
  field: string;
  message: string;
}

const moment = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/).transform((d) => `${d}T00:00:00.000Z`),
  z.string().datetime({ offset: true }).transform((d) => new Date(d).toISOString()),
]);

function seconds(text: string, allowEndOfDay: boolean): number | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const s = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
  return s < 86_400 || (allowEndOfDay && s === 86_400) ? s : null;
}

/** Physical line numbers of the header and of each record (a line starts a record outside quotes). */
function recordLines(text: string, skip: number): number[] {
  const starts: number[] = [];
  let quotes = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (i >= skip && quotes % 2 === 0 && line.trim() !== '') starts.push(i + 1);
    quotes += line.length - line.replaceAll('"', '').length;
  });
  return starts;
}

/** Reads a CSV with DuckDB (strings only); leading `#` lines are comments. */
async function readCsv(wh: Warehouse, file: string): Promise<{ text: string; source: string | null; columns: string[]; rows: { line: number; cells: Record<string, string | null> }[] }> {
  if (!existsSync(file)) throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `Price file not found: ${file}`, { file });
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  let skip = 0;
  while (skip < lines.length && lines[skip].startsWith('#')) skip++;
  const source = /^# source: ([^;]+; generated: \d{4}-\d{2}-\d{2})/.exec(lines[0] ?? '')?.[1] ?? null;
  let table;
  try {
    table = await wh.table(`SELECT * FROM read_csv($file, header = true, all_varchar = true, skip = $skip, delim = ',', quote = '"', escape = '"')`, { file, skip });
  } catch (e) {
    throw new AssayError('ASSAY_ERR_PRICE_FILE', `Cannot read price file ${file}: ${errorMessage(e)}`, { file });
  }
  const starts = recordLines(text, skip);
  const rows = table.rows.map((cells, i) => ({ line: starts[i + 1] ?? 0, cells: cells as Record<string, string | null> }));
  return { text, source, columns: table.columns.map((c) => c.name), rows };
}

function fail(file: string, issues: Issue[]): never {
  const shown = issues.slice(0, 20).map((i) => `  ${file}:${i.line}: ${i.field}: ${i.message}`);
  if (issues.length > shown.length) shown.push(`  … and ${issues.length - shown.length} more`);
  throw new AssayError('ASSAY_ERR_PRICE_FILE', `Invalid price file ${file}:\n${shown.join('\n')}`, {
    file, line: issues[0].line, field: issues[0].field, issues,
  });
}

function checkHeader(file: string, columns: string[], allowed: readonly string[], required: readonly string[]): void {
  const issues: Issue[] = [];
  for (const c of columns) if (!allowed.includes(c)) issues.push({ line: 1, field: c, message: `unknown column (expected some of ${allowed.join(', ')})` });
  for (const c of required) if (!columns.includes(c)) issues.push({ line: 1, field: c, message: 'required column is missing' });
  if (issues.length) fail(file, issues);
}

/**
 * Reads and validates a price file. Shipped rows need a provider; a user's rows default it to 'user'
 * and must carry at least one price (shipped entries priced only in units Assay does not record are
 * kept, so they still claim their model ids, and show as unpriced).
 */
export async function readPriceFile(wh: Warehouse, file: string, source: 'shipped' | 'user'): Promise<PriceFile<PriceRow>> {
  const csv = await readCsv(wh, file);
  checkHeader(file, csv.columns, PRICE_COLUMNS, source === 'shipped' ? ['provider', 'model', 'match'] : ['model']);
  const issues: Issue[] = [];
  const rows: PriceRow[] = [];
  for (const { line, cells } of csv.rows) {
    const cell = (k: string) => (cells[k] ?? '').trim();
    const bad = (field: string, message: string) => issues.push({ line, field, message });
    const model = cell('model');
    if (!model) bad('model', 'required');
    const provider = cell('provider') || (source === 'user' ? 'user' : '');
    if (!provider) bad('provider', 'required');
    const match = parseMatchRule(cells.match, model);
    if (match.error) bad('match', match.error);
    const when = (k: 'effective_from' | 'effective_to') => {
      if (!cell(k)) return null;
      const p = moment.safeParse(cell(k));
      if (!p.success) bad(k, `expected YYYY-MM-DD or an ISO timestamp with zone, got '${cell(k)}'`);
      else if (!isCalendarDay(cell(k))) bad(k, `not a calendar day: '${cell(k)}'`);
      return p.success && isCalendarDay(cell(k)) ? p.data : null;
    };
    const from = when('effective_from');
    const to = when('effective_to');
    if (from && to && from >= to) bad('effective_to', `must be after effective_from (${cell('effective_from')})`);
    let timeFrom = 0;
    let timeTo = 86_400;
    if (cell('time_from') || cell('time_to')) {
      const a = seconds(cell('time_from'), false);
      const b = seconds(cell('time_to'), true);
      if (a === null) bad('time_from', `expected HH:MM[:SS] (UTC), got '${cell('time_from')}'`);
      if (b === null) bad('time_to', `expected HH:MM[:SS] (UTC, up to 24:00), got '${cell('time_to')}'`);
      if (a !== null && b !== null && a >= b) bad('time_to', 'must be after time_from (split a window across midnight into two rows)');
      timeFrom = a ?? 0;
      timeTo = b ?? 86_400;
    }
    const values = {} as PriceValues;
    for (const k of ['input_mtok', 'cached_input_mtok', 'output_mtok', 'request_usd', 'tier_threshold_tokens', 'tier_input_mtok', 'tier_cached_input_mtok', 'tier_output_mtok'] as const) {
      const t = cell(k);
      const n = t === '' ? null : Number(t);
      if (n !== null && !(Number.isFinite(n) && n >= 0)) bad(k, `expected a non-negative number, got '${t}'`);
      values[k] = n !== null && Number.isFinite(n) ? n : null;
    }
    if (values.tier_threshold_tokens === null && (values.tier_input_mtok ?? values.tier_cached_input_mtok ?? values.tier_output_mtok) !== null) {
      bad('tier_threshold_tokens', 'required when a tier price is given');
    }
    if (values.tier_threshold_tokens !== null) {
      values.tier_input_mtok ??= values.input_mtok;
      values.tier_cached_input_mtok ??= values.cached_input_mtok;
      values.tier_output_mtok ??= values.output_mtok;
    }
    if (source === 'user' && values.input_mtok === null && values.output_mtok === null && values.request_usd === null) {
      bad('input_mtok', 'give at least one of input_mtok, output_mtok, request_usd');
    }
    rows.push({
      source, file, line, provider, model, match: match.rule ?? { equals: model }, match_text: cell('match'),
      effective_from: from, effective_to: to, time_from_s: timeFrom, time_to_s: timeTo, ...values,
    });
  }
  issues.push(...entryIssues(rows));
  if (issues.length) fail(file, issues.sort((a, b) => a.line - b.line));
  return { file, source: csv.source, rows, text: csv.text };
}

/** Rows of one entry share its match rule and never overlap in time (so a record gets one price). */
function entryIssues(rows: PriceRow[]): Issue[] {
  const issues: Issue[] = [];
  const byEntry = new Map<string, PriceRow[]>();
  for (const r of rows) byEntry.set(`${r.provider}\u0000${r.model}`, [...(byEntry.get(`${r.provider}\u0000${r.model}`) ?? []), r]);
  for (const list of byEntry.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (JSON.stringify(a.match) !== JSON.stringify(b.match)) {
          issues.push({ line: b.line, field: 'match', message: `differs from line ${a.line} for the same provider and model` });
        } else if (
          (a.effective_from ?? '') < (b.effective_to ?? '\uffff') && (b.effective_from ?? '') < (a.effective_to ?? '\uffff') &&
          a.time_from_s < b.time_to_s && b.time_from_s < a.time_to_s
        ) {
          issues.push({ line: b.line, field: 'effective_from', message: `overlaps line ${a.line} (same model, overlapping dates and hours)` });
        }
      }
    }
  }
  return issues;
}

export async function readProviderFile(wh: Warehouse, file: string): Promise<PriceFile<ProviderRow>> {
  const csv = await readCsv(wh, file);
  checkHeader(file, csv.columns, PROVIDER_COLUMNS, ['provider']);
  const issues: Issue[] = [];
  const rows = csv.rows.map(({ line, cells }) => {
    const provider = (cells.provider ?? '').trim();
    if (!provider) issues.push({ line, field: 'provider', message: 'required' });
    const rule = (field: 'model_match' | 'provider_match'): MatchRule | null => {
      if (!(cells[field] ?? '').trim()) return null;
      const m = parseMatchRule(cells[field], provider);
      if (m.error) issues.push({ line, field, message: m.error });
      return m.rule ?? null;
    };
    const fallbacks = (cells.fallback_providers ?? '').split(/\s+/).filter(Boolean);
    return {
      provider, name: (cells.name ?? provider).trim(), model_match: rule('model_match'), provider_match: rule('provider_match'),
      fallback_providers: fallbacks, pricing_url: cells.pricing_url?.trim() || null,
    };
  });
  if (issues.length) fail(file, issues);
  return { file, source: csv.source, rows, text: csv.text };
}

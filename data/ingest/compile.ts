import { AssayError } from '../errors.ts';
import { RECORD_COLUMNS, STATUSES, type CanonicalField } from '../record.ts';
import { sqlLiteral } from '../sql.ts';
import type { CustomMapping, FieldSource, RedactionConfig } from './config.ts';
import { PathSlots } from './paths.ts';
import { inlineTextStep } from './redaction.ts';

/**
 * Compiles a mapping and the redaction settings into SQL expressions over a source row
 * `(file_idx, source_line, raw, src_error)` where `raw` is the record as JSON text
 * and `src_error` a reason the reader already found (a malformed CSV row; 'filtered|empty_batch' for an
 * envelope line holding no records).
 * The document is parsed once: every path the mapping names is read from that one parse (paths.ts).
 */
export interface CompiledMapping {
  /** SELECT turning the source rows (the CTE `src`) into ingest_batch rows; see data/queries/ingest/create_batch.sql. */
  select: string;
  /**
   * For a mapping whose source rows may each hold several records (mapping.expand): SELECT turning the numbered
   * source rows (the CTE `src`) into one row per record, with its row's number, before `select` maps them
   * (stage.ts runs the two apart). Null for a mapping that does not expand.
   */
  expand: string | null;
  /** Each SQL expression the mapping supplies, by its key path, so a mistake can be reported against that key. */
  expressions: { key: string; sql: string }[];
  /** Whether the select holds the mapping's own SQL under try(), which a failing record may escape (stage.ts). */
  guarded: boolean;
  /**
   * For a mapping of plain key paths and no SQL, document or expansion of its own: `type`, the DuckDB type of the
   * parsed document `v` (what `select` makes of a line with from_json), and `select` over source rows that carry
   * `v` already, parsed by read_json (raw NULL), so that JSON Lines need not be split into lines and parsed one by
   * one (stageParsed.ts). Null for any other mapping.
   */
  parsed: { type: string; select: string } | null;
}

const PLACEHOLDER = /\{(\$[^}]*)\}/g;

/** Every quarantine reason the checks below can give (docs/ingest.md explains each; a test holds them together). */
export const REASONS = ['not_utf8', 'malformed_json', 'not_an_object', 'malformed_csv', 'mapping_error', 'missing_field', 'ill_typed', 'bad_timestamp', 'negative_value', 'out_of_range', 'unknown_status'] as const;

/** The staged reason of a record left out by a mapping's filter (its `field` holds the filter's reason; the SQL files say it too). */
const FILTERED = 'filtered';
/**
 * The staged reason of a row that only holds a line's place, as a blank line's does, because that line is staged
 * again from its text (stageParsed.ts). ingest_rows and the files' row counts leave both out.
 */
const RESTAGED = 'restaged';
/** The filtered reason of an envelope line (an OTLP export request) that holds no records at all. */
const EMPTY_BATCH = 'empty_batch';

function normalise(src: FieldSource): Exclude<FieldSource, string> {
  return typeof src === 'string' ? { path: src, as: 'text' } : src;
}

function literalText(v: string | number | boolean): string {
  return sqlLiteral(String(v));
}

/** `mapping.source` (the file it came from) prefixes the errors. */
export function compileMapping(mapping: CustomMapping & { source?: string }, redaction: RedactionConfig): CompiledMapping {
  const where = mapping.source ? `${mapping.source}: ` : '';
  const slots = new PathSlots();
  const slot = (p: string) => slots.slot(p);
  const expressions: CompiledMapping['expressions'] = [];
  /** A mapping's SQL with its {$.path} placeholders as path slots, kept for checkMapping under its key. */
  const expression = (sql: string, key: string): string => {
    if (/;/.test(sql.replace(/'[^']*'/g, ''))) throw new AssayError('ASSAY_ERR_MAPPING', `${where}${key}: one expression expected, found ';'`);
    expressions.push({ key, sql: sql.replace(PLACEHOLDER, 'path_value') });
    return sql.replace(PLACEHOLDER, (_m, p: string) => slot(p));
  };

  const text: Partial<Record<CanonicalField, string>> = {};
  const defaults: Partial<Record<CanonicalField, string>> = {};
  const kind: Partial<Record<CanonicalField, string>> = {};
  // A mapping's SQL that fails on some record (json_extract of text that is not JSON, a cast of 'n/a') must not
  // fail the whole run as if the file were unreadable: it is evaluated with try(), and where that gave NULL the
  // probe tells an error from a NULL result, so the record is quarantined as mapping_error on that field.
  const probes: Partial<Record<CanonicalField, string>> = {};
  for (const [name, raw] of Object.entries(mapping.fields) as [CanonicalField, FieldSource][]) {
    const f = normalise(raw);
    let e = 'NULL';
    if (f.path) e = slot(f.path);
    else if (f.paths) e = `coalesce(${f.paths.map(slot).join(', ')})`;
    else if (f.sql) {
      const x = expression(f.sql, `mapping.fields.${name}.sql`);
      e = `try(CAST((${x}) AS VARCHAR))`;
      probes[name] = failed(x);
    }
    text[name] = e;
    if (f.default !== undefined) defaults[name] = literalText(f.default);
    kind[name] = f.as;
  }
  for (const c of RECORD_COLUMNS) {
    if (c.required && text[c.name] === undefined) {
      throw new AssayError('ASSAY_ERR_MAPPING', `${where}mapping.fields.${c.name}: required field has no source (give a path, paths, sql or default)`);
    }
  }
  // No cached tokens is 0 cached tokens (the canonical default; records.cached_input_tokens is NOT NULL), for a
  // mapping that names no source for them or a record without the field.
  defaults.cached_input_tokens ??= "'0'";

  // Level 1: the source text of every field (VARCHAR), s_<field>, then cleaned, t_<field>. Two levels, so a
  // derived field's expression is evaluated once, not once per use in the cleaning. Empty text is no value
  // (exports write "" for a null), so the default applies to it: required text also when only padding is
  // left, and status words are matched case-insensitively ('OK', 'Error'). So is a NaN number, pandas' and
  // Python's json.dumps' way to write a missing one. input and output are kept as sent.
  const sourceCols = RECORD_COLUMNS.map((c) => `${text[c.name] ?? 'NULL'} AS s_${c.name}`);
  const cleaned = (c: (typeof RECORD_COLUMNS)[number]) => {
    const e = `s_${c.name}`;
    const asSent = c.name === 'input' || c.name === 'output';
    const number = c.sqlType === 'BIGINT' || c.sqlType === 'DOUBLE';
    const present = asSent ? e : c.sqlType === 'VARCHAR' && c.required ? trimmed(e) : number ? `CASE WHEN ${e} IN ('', 'NaN', 'nan') THEN NULL ELSE ${e} END` : `nullif(${e}, '')`;
    const value = defaults[c.name] === undefined ? present : `coalesce(${present}, ${defaults[c.name]})`;
    return c.name === 'status' ? `lower(${value})` : value;
  };
  const statusText = cleaned(RECORD_COLUMNS.find((c) => c.name === 'status')!);
  // A failed or timed-out call often reports no usage (the provider answered with an error, or nothing): it used
  // no tokens the log knows of, so a missing count is 0 for it, and it counts in the error and timeout rates
  // instead of in the quarantine (an outage would have shown as bad records, not as errors).
  const failedCallTokens = (name: CanonicalField) =>
    (name === 'input_tokens' || name === 'output_tokens') && defaults[name] === undefined;
  const textCols = RECORD_COLUMNS.map((c) => {
    const value = cleaned(c);
    return `${failedCallTokens(c.name) ? `coalesce(${value}, CASE WHEN ${statusText} IN ('error', 'timeout') THEN '0' END)` : value} AS t_${c.name}`;
  });

  // Level 2: numeric fields as DOUBLE once (n_<field>), then typed values; NULL where the text does not convert.
  const numeric = (c: (typeof RECORD_COLUMNS)[number]) => c.sqlType === 'BIGINT' || c.sqlType === 'DOUBLE' || (c.name === 'ts' && kind.ts !== 'text');
  const grouping = { ',': '.', '.': ',' }[mapping.decimal_separator ?? '.'];
  const asNumber = (t: string) => (mapping.decimal_separator === undefined ? t : `replace(regexp_replace(${t}, '[${grouping}\\s\\x{00A0}\\x{202F}'']', '', 'g'), ',', '.')`);
  const numbers = RECORD_COLUMNS.filter(numeric).map((c) => `TRY_CAST(${asNumber(`t_${c.name}`)} AS DOUBLE) AS n_${c.name}`);
  const typed = RECORD_COLUMNS.map((c) => {
    const t = `t_${c.name}`;
    const num = `n_${c.name}`;
    let e: string;
    if (c.name === 'ts') {
      const epoch = { epoch_s: '', epoch_ms: ' / 1e3', epoch_ns: ' / 1e9' }[kind.ts as 'epoch_s' | 'epoch_ms' | 'epoch_ns'];
      e = epoch === undefined
        ? `text_timestamp(${t})`
        // a negative epoch is no time a log writes (a sign error), as text_timestamp says of one read from text
        : `CASE WHEN ${num}${epoch} >= 0 AND ${num}${epoch} < 1e11 THEN to_timestamp(${num}${epoch}) END`;
    } else if (c.sqlType === 'BIGINT') e = `CASE WHEN ${num} = trunc(${num}) AND abs(${num}) < 9e15 THEN CAST(${num} AS BIGINT) END`;
    else if (c.sqlType === 'DOUBLE') e = `CASE WHEN isfinite(${num}) THEN ${num} END`;
    else if (c.sqlType === 'BOOLEAN') e = `TRY_CAST(${t} AS BOOLEAN)`;
    // minified (json()): the same object sent as an object, or as a JSON string with spaces, is the same text;
    // only text with a space or a line break can need it (an object the JSON reader parsed comes minified)
    else if (c.sqlType === 'JSON') {
      e = `CASE WHEN starts_with(ltrim(${t}), '{') THEN CASE WHEN contains(${t}, ' ') OR contains(${t}, chr(10)) THEN json(TRY_CAST(${t} AS JSON)) ELSE TRY_CAST(${t} AS JSON) END END`;
    }
    else e = t;
    return `${e} AS ${c.name}`;
  });

  const filters = (mapping.filters ?? []).map((f, i) => ({ keep: `CAST((${expression(f.keep, `mapping.filters.${i}.keep`)}) AS BOOLEAN)`, reason: f.reason }));
  const doc = mapping.document ? `try(${mapping.document})` : 'raw';
  const reader = slots.compile(doc);
  const probed = Object.keys(probes) as CanonicalField[];
  const errorCols = probed.map((n) => `CASE WHEN s_${n} IS NULL THEN ${reader.resolve(probes[n]!)} ELSE false END AS e_${n}`);

  // Level 3: the first failing check as 'reason|field'; a record a filter leaves out is 'filtered|<its reason>'.
  const checks: string[] = [
    `WHEN src_error IS NOT NULL THEN src_error || '|'`,
    // An object the mapping's document turns into nothing: the document failed on it.
    `WHEN v IS NULL THEN CASE WHEN raw IS NULL OR trim(raw) = '' THEN 'blank|' WHEN json_valid(raw) THEN ${
      mapping.document ? `CASE WHEN starts_with(ltrim(raw), '{') THEN 'mapping_error|document' ELSE 'not_an_object|' END` : `'not_an_object|'`
    } ELSE 'malformed_json|' END`,
    ...filters.map((f, i) => {
      const keep = reader.resolve(f.keep);
      return `WHEN NOT coalesce(try(${keep}), false) THEN CASE WHEN ${failed(keep)} THEN 'mapping_error|filters.${i}' ELSE ${sqlLiteral(`${FILTERED}|${f.reason}`)} END`;
    }),
  ];
  for (const c of RECORD_COLUMNS) {
    const n = c.name;
    if (probes[n]) checks.push(`WHEN e_${n} THEN 'mapping_error|${n}'`);
    if (c.required) checks.push(`WHEN t_${n} IS NULL THEN 'missing_field|${n}'`);
    checks.push(`WHEN t_${n} IS NOT NULL AND ${n} IS NULL THEN '${n === 'ts' ? 'bad_timestamp' : 'ill_typed'}|${n}'`);
    if (c.sqlType === 'BIGINT' || n === 'latency_ms') checks.push(`WHEN ${n} < 0 THEN 'negative_value|${n}'`);
    if (n === 'confidence') checks.push(`WHEN ${n} NOT BETWEEN 0 AND 1 THEN 'out_of_range|${n}'`);
    // input_tokens counts the cached ones too (data/record.ts): more cached than input is a count gone wrong
    if (n === 'cached_input_tokens') checks.push(`WHEN ${n} > input_tokens THEN 'out_of_range|${n}'`);
    if (n === 'status') checks.push(`WHEN ${n} NOT IN (${STATUSES.map(sqlLiteral).join(', ')}) THEN 'unknown_status|${n}'`);
  }
  const cols = RECORD_COLUMNS.map((c) => c.name);

  if (mapping.document) expressions.push({ key: 'mapping.document', sql: mapping.document });
  if (mapping.expand) expressions.push({ key: 'mapping.expand', sql: mapping.expand });
  // An expanding mapping turns each source row into its documents (or keeps the row when it is not an
  // envelope), a statement of its own over rows already numbered (stage.ts), so every record of a line shares
  // that line. An envelope holding no records stays one row, counted as filtered (empty_batch), so no line vanishes.
  const expand = mapping.expand
    ? `SELECT file_idx, source_line,
       CASE WHEN len(docs) = 0 THEN '${FILTERED}|${EMPTY_BATCH}' ELSE src_error END AS src_error,
       unnest(CASE WHEN len(docs) > 0 THEN docs ELSE [raw] END) AS raw
FROM (SELECT *, CASE WHEN src_error IS NULL THEN try(CAST((${mapping.expand}) AS VARCHAR[])) END AS docs FROM src)`
    : null;
  // The rows with their parsed document v: parsed here, or by the reader (parsed.select).
  const parse = `SELECT s.*, CASE WHEN src_error IS NULL AND starts_with(ltrim(raw), '{') AND json_valid(raw) THEN ${reader.extract} END AS v
            FROM src s`;
  const inner = (withV: string) => `
  SELECT *, CASE ${checks.join('\n    ')} END AS reason_field
  FROM (
    SELECT file_idx, source_line, raw, src_error, v, ${[...RECORD_COLUMNS.map((c) => `t_${c.name}`), ...probed.map((n) => `e_${n}`)].join(', ')},
           ${typed.join(',\n           ')}
    FROM (
      SELECT *, ${numbers.join(', ')}
      FROM (
        SELECT file_idx, source_line, raw, src_error, v,
               ${[...textCols, ...errorCols].join(',\n               ')}
        FROM (
          SELECT file_idx, source_line, raw, src_error, v,
                 ${sourceCols.map(reader.resolve).join(',\n                 ')}
          FROM (
            ${withV}
          )
        )
      )
    )
  )`;
  // The stored shape: text only where it is kept (input/output for good rows, raw for bad ones).
  const shaped = (withV: string) => `
SELECT file_idx, source_line,
       split_part(reason_field, '|', 1) AS reason,
       nullif(split_part(reason_field, '|', 2), '') AS field,
       CASE WHEN reason_field IS NOT NULL AND NOT starts_with(reason_field, 'blank|') AND NOT starts_with(reason_field, '${FILTERED}|') THEN raw END AS raw,
       ${cols.map((n) => (n === 'input' || n === 'output' ? `CASE WHEN reason_field IS NULL THEN ${n} END AS ${n}` : n)).join(', ')}
FROM (${inner(withV)}
)`;
  const inline = (['input', 'output'] as const).flatMap((c) => {
    const e = inlineTextStep(redaction, c);
    return e ? [`${e} AS ${c}`] : [];
  });
  const build = (withV: string) => (inline.length ? `SELECT * REPLACE (${inline.join(', ')}) FROM (${shaped(withV)})` : shaped(withV));
  // Of the reader's rows, a bad one only holds its line's place (reason 'restaged'): stageParsed.ts stages the
  // line again from its text, which names the reason. So does a row without any of the paths: read_json gives a
  // line that is an array or a scalar (not_an_object here) the struct of NULLs an object without them gives.
  const noPath = reader.resolve(slots.all().map((t) => `${t} IS NULL`).join(' AND '));
  const parsed =
    reader.type !== null && expressions.length === 0 && !mapping.document && !mapping.expand
      ? {
          type: reader.type,
          select: `SELECT * REPLACE (CASE WHEN reason IS NOT NULL THEN '${RESTAGED}' END AS reason, CAST(NULL AS VARCHAR) AS field)
FROM (${build(`SELECT * REPLACE (CASE WHEN ${noPath} THEN NULL ELSE v END AS v) FROM src`)})`,
        }
      : null;
  return { select: build(parse), expand, expressions, guarded: expressions.length > 0, parsed };
}

/** Whether evaluating `sql` raises an error (try() of it, or of any test on it, is then NULL). */
function failed(sql: string): string {
  return `try((${sql}) IS NULL) IS NULL`;
}

/** The text without surrounding whitespace, NULL when nothing is left; trim() itself only where it can matter (it is slow). */
function trimmed(e: string): string {
  // ascii() reads the first character once for all four; the last is tested by ends_with (a fifth cheaper than
  // testing contains() for tab, LF and CR anywhere in the text, which is what it was).
  const padded = `ascii(${e}) IN (9, 10, 13, 32) OR ends_with(${e}, ' ') OR ends_with(${e}, chr(9)) OR ends_with(${e}, chr(10)) OR ends_with(${e}, chr(13))`;
  return `CASE WHEN ${padded} THEN nullif(trim(${e}, ' ' || chr(9) || chr(10) || chr(13)), '') ELSE nullif(${e}, '') END`;
}


import { sqlLiteral } from '../sql.ts';
import type { RedactionConfig } from './config.ts';

/** The order detectors run in: emails first (they may hold digits), IBANs before cards (an IBAN's digits can look like one). */
const DETECTOR_ORDER = ['email', 'iban', 'card', 'phone'] as const;

/** What each detector that checks candidates (data/macros/redact.sql: <name>_suspect, <name>_candidates) puts in their place. */
const PLACEHOLDER = { iban: '[IBAN]', card: '[CARD]', phone: '[PHONE]' } as const;

/** The staged text columns redaction reads: input and output of good rows, raw of quarantined ones. */
type TextColumn = 'input' | 'output' | 'raw';

/**
 * What the staging SELECT itself does to input/output (compile.ts): the whole-column modes, which need no
 * detection. An expression over the column, or null to leave it as read.
 */
export function inlineTextStep(r: RedactionConfig, column: string): string | null {
  switch (r.mode) {
    case 'drop':
      return 'CAST(NULL AS VARCHAR)';
    case 'hash':
      // an empty text is no text (a CSV cell cannot tell them apart): no hash, so a copy sent as CSV is a duplicate
      return `sha256(nullif(${column}, ''))`;
    default:
      return null;
  }
}

/**
 * The columns PII detection applies to: input/output in mode 'redact', and the raw text of quarantined
 * records unless redaction is off (it is what an operator needs to fix the feed, so it is kept, redacted).
 */
function piiColumns(r: RedactionConfig): TextColumn[] {
  if (r.mode === 'off' || (r.detectors.length === 0 && r.patterns.length === 0)) return [];
  return r.mode === 'redact' ? ['input', 'output', 'raw'] : ['raw'];
}

/**
 * `relation` (a view or subquery of staged rows holding input, output and raw) with PII redacted in its text
 * columns: the relation itself when there is nothing to redact. It is applied where the staged rows are
 * written out (records_insert.sql, quarantine_insert.sql) and where re-delivered copies are compared with
 * the stored ones (route.sql), so each row's text is redacted once, inside the parallel scan that writes it.
 *
 * One cheap test per column picks the texts the detectors look at (pii_suspect: an '@' or seven digits close
 * together); 16 % of the benchmark's rows pass it. Before,
 * the suspect rows were copied into tables of their own, redacted there and written back with an UPDATE:
 * three more passes over the batch (0.9 s of a 1M-record ingest against 0.6 s now). The steps run in their
 * documented order: the four detectors (behind the test), then the configured patterns. A row the test
 * leaves out holds nothing a detector changes, so the patterns see the same text either way.
 */
export function redactedRelation(r: RedactionConfig, relation: string): string {
  const columns = piiColumns(r);
  if (columns.length === 0) return relation;
  const detectors = DETECTOR_ORDER.filter((d) => r.detectors.includes(d));
  let sql = detectors.length > 0
    ? `SELECT *, ${columns.map((c) => `coalesce(pii_suspect(${c}), false) AS gate_${c}`).join(', ')} FROM ${relation}`
    : `SELECT * FROM ${relation}`;
  const layer = (expr: (c: TextColumn) => string) => {
    sql = `SELECT * REPLACE (${columns.map((c) => `${expr(c)} AS ${c}`).join(', ')}) FROM (${sql})`;
  };
  // One projection per step, each reading plain columns: nesting the detector macros instead
  // (redact_phone(redact_card(…))) copies the inner expression once per use of the argument in each macro.
  for (const d of detectors) {
    if (d === 'email') {
      layer((c) => `CASE WHEN gate_${c} THEN redact_email(${c}) ELSE ${c} END`);
      continue;
    }
    // The candidates that pass the check, as a column of their own, then replaced (redact_found): none or one
    // without the list functions that sort and fold many (they cost half of a detector's time per row).
    sql = `SELECT *, ${columns.map((c) => `CASE WHEN gate_${c} AND ${d}_suspect(${c}) THEN ${d}_candidates(${c}) END AS found_${c}`).join(', ')} FROM (${sql})`;
    sql = `SELECT * EXCLUDE (${columns.map((c) => `found_${c}`).join(', ')}) REPLACE (${columns
      .map((c) => `redact_found(${c}, found_${c}, '${PLACEHOLDER[d]}') AS ${c}`)
      .join(', ')}) FROM (${sql})`;
  }
  for (const p of r.patterns) layer((c) => `regexp_replace(${c}, ${sqlLiteral(p.regex)}, ${sqlLiteral(`[${p.name}]`)}, 'g')`);
  return detectors.length > 0 ? `(SELECT * EXCLUDE (${columns.map((c) => `gate_${c}`).join(', ')}) FROM (${sql}))` : `(${sql})`;
}

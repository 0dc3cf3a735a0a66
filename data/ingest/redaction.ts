import { sqlLiteral } from '../sql.ts';
import type { RedactionConfig } from './config.ts';

/** The order detectors run in: emails first (they may hold digits), IBANs before cards (an IBAN's digits can look like one). */
const DETECTOR_ORDER = ['email', 'iban', 'card', 'phone'] as const;

/**
 * One step of a column's redaction: an expression over the column so far and, for detectors, its gate
 * (whether the original text is worth running them on at all; null when the step needs none).
 */
export interface RedactionStep {
  gated: boolean;
  sql: (column: string, gate: string) => string;
}

/** The PII steps: each built-in detector behind the pii_suspect gate, then the configured patterns. */
function piiSteps(r: RedactionConfig): RedactionStep[] {
  const steps: RedactionStep[] = DETECTOR_ORDER.filter((d) => r.detectors.includes(d)).map((d) => ({
    gated: true,
    sql: (c, gate) => `CASE WHEN ${gate} THEN redact_${d}(${c}) ELSE ${c} END`,
  }));
  for (const p of r.patterns) steps.push({ gated: false, sql: (c) => `regexp_replace(${c}, ${sqlLiteral(p.regex)}, ${sqlLiteral(`[${p.name}]`)}, 'g')` });
  return steps;
}

/** Whether a pii_suspect flag must be computed for the column first. */
export const needsGate = (steps: RedactionStep[]): boolean => steps.some((s) => s.gated);

/** Steps for input/output text before storage, by mode. */
export function textSteps(r: RedactionConfig): RedactionStep[] {
  switch (r.mode) {
    case 'off':
      return [];
    case 'drop':
      return [{ gated: false, sql: () => 'CAST(NULL AS VARCHAR)' }];
    case 'hash':
      return [{ gated: false, sql: (c) => `sha256(${c})` }];
    default:
      return piiSteps(r);
  }
}

/** Quarantined raw text is kept (it is what an operator needs to fix the feed) but redacted unless redaction is off. */
export function rawSteps(r: RedactionConfig): RedactionStep[] {
  return r.mode === 'off' ? [] : piiSteps(r);
}

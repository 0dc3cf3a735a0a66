import { fingerprint } from './names.ts';

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). One in a value from the
 * logs (a tenant or workflow name) would reorder the rest of its line, a verdict list or a SQL block: the page shows
 * each as its code point instead, so the name reads as it is stored; report.json keeps the exact value.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replace(BIDI_CONTROLS, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase()}]`);
}

/** Readable parts of an element id beyond this length are cut: the fingerprint keeps the id unique. */
const MAX_READABLE = 96;

/**
 * An element id from parts (section, tenant, workflow …), safe in a URL fragment and stable from build to build:
 * the parts lower-cased with other characters than a–z and 0–9 made '-', joined by '--', then a fingerprint of the
 * exact parts (null and absent parts included), so 'acme' and 'ACME', or '@@@' and '###', get ids of their own.
 */
export function anchorId(...parts: (string | null | undefined)[]): string {
  const readable = parts
    .filter((p): p is string => p !== null && p !== undefined && p !== '')
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p !== '')
    .join('--')
    .slice(0, MAX_READABLE)
    .replace(/-+$/, '');
  return [readable, fingerprint(JSON.stringify(parts.map((p) => p ?? null)))].filter(Boolean).join('--');
}

const SEVERITY_BADGE: Record<string, { icon: string; label: string }> = {
  high: { icon: '▲', label: 'high' },
  medium: { icon: '◆', label: 'medium' },
  low: { icon: '●', label: 'low' },
  none: { icon: '○', label: 'none' },
  insufficient_data: { icon: '…', label: 'insufficient data' },
};

/** A severity as a badge: an icon and the word as well as a colour, so it reads in greyscale and to screen readers. */
export function severityBadge(severity: string): string {
  const b = SEVERITY_BADGE[severity] ?? { icon: '?', label: severity };
  return `<span class="sev sev-${esc(severity)}"><span aria-hidden="true">${b.icon}</span> ${esc(b.label)}</span>`;
}

const LEVEL_BADGE: Record<string, { icon: string; label: string }> = {
  red: { icon: '✕', label: 'red' },
  amber: { icon: '▲', label: 'amber' },
  green: { icon: '✓', label: 'green' },
  info: { icon: 'i', label: 'note' },
};

export function levelBadge(level: string): string {
  const b = LEVEL_BADGE[level] ?? { icon: '?', label: level };
  return `<span class="lvl lvl-${esc(level)}"><span aria-hidden="true">${b.icon}</span> ${esc(b.label)}</span>`;
}

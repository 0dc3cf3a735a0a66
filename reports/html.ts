/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An element id from parts (section, tenant, workflow …): lower-case, safe in a URL fragment, stable. */
export function anchorId(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== null && p !== undefined && p !== '')
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .join('--');
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

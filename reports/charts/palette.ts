/**
 * Colours that colour-blind readers can tell apart (Okabe & Ito, 2008), in the order series take them, and the
 * point shapes that go with them so no chart relies on colour alone. Yellow comes last: it is faint on white.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'] as const;
export const SERIES_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-right', 'triangle-left'] as const;

/** Drift severity, light to dark so the order survives greyscale printing; every cell also carries its letter. */
export const SEVERITY_SCALE = {
  domain: ['insufficient_data', 'none', 'low', 'medium', 'high'],
  range: ['#ffffff', '#eeeeee', '#F0E442', '#E69F00', '#D55E00'],
  letters: { insufficient_data: 'n/a', none: '·', low: 'L', medium: 'M', high: 'H' } as Record<string, string>,
} as const;

export const INK = '#222222';
export const MUTED = '#6b6b6b';
export const GRID = '#e4e4e4';
export const ACCENT = '#0072B2';
export const ALERT = '#D55E00';
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

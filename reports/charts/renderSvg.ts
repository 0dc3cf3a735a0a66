import type { TopLevelSpec } from 'vega-lite';
import { FONT, GRID, INK, MUTED, SERIES_COLOURS } from './palette.ts';

export type VegaLiteSpec = TopLevelSpec;

/** One look for every chart: readable type, quiet axes, the colour-blind-safe palette, no background. */
const CONFIG = {
  background: null,
  font: FONT,
  padding: 4,
  view: { stroke: null },
  range: { category: [...SERIES_COLOURS] },
  axis: { labelColor: INK, titleColor: MUTED, labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: GRID, domainColor: '#999', tickColor: '#999' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleColor: MUTED, labelColor: INK, orient: 'bottom', direction: 'horizontal', columns: 3, labelLimit: 220, symbolStrokeWidth: 2 },
  title: { fontSize: 13, fontWeight: 600, color: INK, anchor: 'start', offset: 8 },
  text: { fontSize: 11, color: INK },
  line: { strokeWidth: 2 },
} as const;

/**
 * Vega-Lite → Vega → SVG, in Node at build time, with no canvas: the page needs no script to show the chart.
 * The SVG keeps its viewBox and scales down to the column width (phones), never up beyond its drawn size.
 */
// Loaded on first use: vega takes half a second to import, which no other command should pay for.
let engines: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  engines ??= Promise.all([import('vega'), import('vega-lite')]);
  const [{ parse, View }, { compile }] = await engines;
  const vg = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace(/^<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"/, (_m, attrs: string, w: string, h: string) =>
      `<svg${attrs} width="${w}" height="${h}" style="max-width:100%;height:auto" preserveAspectRatio="xMinYMin meet"`,
    );
  } finally {
    view.finalize();
  }
}

import { day as dayLabel } from '../format.ts';
import { byPosition, positions } from './order.ts';
import { INK, SEVERITY_SCALE } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';

export interface HeatCell {
  day: string;
  row: string;
  severity: string;
  metric: string | null;
}

export interface SeverityHeatmapInput {
  title: string;
  description: string;
  cells: readonly HeatCell[];
}

/** Rows × days, each cell coloured by severity (light → dark) and lettered (H, M, L), so colour is never the only cue. */
export function severityHeatmap(input: SeverityHeatmapInput): VegaLiteSpec {
  const days = [...new Set(input.cells.map((c) => c.day))].sort();
  const rows = [...new Set(input.cells.map((c) => c.row))].sort();
  const dayPosition = positions(days);
  const rowPosition = positions(rows);
  const values = input.cells.map((c) => ({
    ...c,
    day_position: dayPosition(c.day),
    row_position: rowPosition(c.row),
    day_label: dayLabel(c.day).replace(/ [A-Z][a-z]{2}$/, ''),
    letter: SEVERITY_SCALE.letters[c.severity] ?? '?',
    severity_label: c.severity === 'insufficient_data' ? 'too few requests' : c.severity,
  }));
  const x = { field: 'day_label', type: 'ordinal', title: null, sort: byPosition('day_position'), axis: { labelAngle: 0, orient: 'top', domain: false, ticks: false } } as const;
  const y = { field: 'row', type: 'ordinal', title: null, sort: byPosition('row_position'), axis: { domain: false, ticks: false, labelLimit: 220 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: Math.max(280, days.length * 56),
    height: Math.max(60, rows.length * 26),
    data: { values },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
        encoding: {
          x,
          y,
          color: {
            field: 'severity_label',
            type: 'ordinal',
            title: 'worst daily severity',
            scale: { domain: ['too few requests', 'none', 'low', 'medium', 'high'], range: [...SEVERITY_SCALE.range] },
            legend: { labelExpr: "datum.label == 'high' ? 'H high' : datum.label == 'medium' ? 'M medium' : datum.label == 'low' ? 'L low' : datum.label == 'none' ? '· none' : 'n/a too few requests'", symbolStrokeColor: '#999', symbolStrokeWidth: 1, columns: 3, labelLimit: 200 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11, fontWeight: 600 },
        encoding: { x, y, text: { field: 'letter' }, color: { value: INK } },
      },
    ],
  } as VegaLiteSpec;
}

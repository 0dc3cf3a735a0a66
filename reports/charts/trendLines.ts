import { labelExpr, type Unit } from './axisFormat.ts';
import { byPosition, positions } from './order.ts';
import { MUTED, SERIES_COLOURS, SERIES_SHAPES } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';

export interface TrendPoint {
  /** YYYY-MM-DD (a week's Monday or a day). */
  x: string;
  series: string;
  y: number | null;
}

export interface TrendLinesInput {
  title: string;
  description: string;
  points: readonly TrendPoint[];
  unit: Unit;
  yTitle: string;
  /** Draws a vertical rule here (the report week). */
  markX?: string;
  markLabel?: string;
  width?: number;
  height?: number;
}

/** Lines over time, one per series, each with its own colour and point shape (the legend shows both). */
export function trendLines(input: TrendLinesInput): VegaLiteSpec {
  const series = [...new Set(input.points.map((p) => p.series))].sort();
  const position = positions(series);
  const values = input.points.filter((p) => p.y !== null && Number.isFinite(p.y)).map((p) => ({ ...p, position: position(p.series) }));
  const colour = { field: 'series', type: 'nominal', title: null, sort: byPosition('position'), scale: { range: SERIES_COLOURS.slice(0, Math.max(1, series.length)) } } as const;
  // Ticks at the data's own dates when there are few (8 weekly points were labelled '27 Oct, 29 Oct, …' in between)
  const dates = [...new Set(values.map((p) => p.x))].sort();
  const ticks = dates.length <= 10 ? { values: dates.map((d) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`)) } : { tickCount: 8 };
  const x = { field: 'x', type: 'temporal', title: null, axis: { format: '%d %b', labelAngle: 0, ...ticks } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: input.width ?? 560,
    height: input.height ?? 200,
    layer: [
      ...(input.markX
        ? [
            { data: { values: [{ x: input.markX, label: input.markLabel ?? '' }] }, mark: { type: 'rule', color: MUTED, strokeDash: [4, 3] }, encoding: { x } },
            { data: { values: [{ x: input.markX, label: input.markLabel ?? '' }] }, mark: { type: 'text', align: 'left', dx: 3, dy: -4, color: MUTED, baseline: 'top' }, encoding: { x, y: { value: 0 }, text: { field: 'label' } } },
          ]
        : []),
      {
        data: { values },
        mark: { type: 'line', point: false },
        encoding: { x, y: { field: 'y', type: 'quantitative', title: input.yTitle, axis: { labelExpr: labelExpr(input.unit), tickCount: 5 } }, color: colour },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 45 },
        encoding: {
          x,
          y: { field: 'y', type: 'quantitative' },
          color: colour,
          shape: { field: 'series', type: 'nominal', title: null, sort: byPosition('position'), scale: { range: SERIES_SHAPES.slice(0, Math.max(1, series.length)) } },
        },
      },
    ],
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  } as VegaLiteSpec;
}

import { labelExpr } from './axisFormat.ts';
import { ACCENT, ALERT, MUTED } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';
import { day as dayLabel } from '../format.ts';

export interface PChartPoint {
  day: string;
  period: 'reference' | 'current';
  rate: number;
  centre: number;
  lower: number;
  upper: number;
  above: boolean;
}

export interface PChartInput {
  title: string;
  description: string;
  points: readonly PChartPoint[];
  /** The day the spike started: a labelled vertical rule. */
  spikeStart: string | null;
  width?: number;
  height?: number;
}

/**
 * A daily p-chart: the rate per day against the reference centre line and its ±3σ limits (a band that narrows on
 * busy days). Days above the upper limit are triangles, not only a colour; the spike's start day is a labelled rule;
 * the reference window is shaded.
 */
export function pChart(input: PChartInput): VegaLiteSpec {
  const points = input.points.map((p) => ({ ...p, state: p.above ? 'above the limit' : 'within limits' }));
  const ref = points.filter((p) => p.period === 'reference').map((p) => p.day).sort();
  const x = { field: 'day', type: 'temporal', title: null, axis: { format: '%d %b', labelAngle: 0, tickCount: 6 } } as const;
  const y = { type: 'quantitative', title: 'share of requests', axis: { labelExpr: labelExpr('pct'), tickCount: 5 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: input.width ?? 560,
    height: input.height ?? 180,
    layer: [
      ...(ref.length
        ? [{
            data: { values: [{ start: ref[0], end: ref[ref.length - 1], label: 'reference window' }] },
            mark: { type: 'rect', color: '#f2f2f2' },
            encoding: { x: { ...x, field: 'start' }, x2: { field: 'end' } },
          }, {
            data: { values: [{ start: ref[0], label: 'reference' }] },
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 3, color: MUTED, fontSize: 10 },
            encoding: { x: { ...x, field: 'start' }, y: { value: 0 }, text: { field: 'label' } },
          }]
        : []),
      { data: { values: points }, mark: { type: 'area', color: ACCENT, opacity: 0.12, interpolate: 'step-after' }, encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' } } },
      { data: { values: points }, mark: { type: 'line', color: ACCENT, strokeDash: [5, 3], strokeWidth: 1, interpolate: 'step-after' }, encoding: { x, y: { ...y, field: 'upper' } } },
      { data: { values: points }, mark: { type: 'line', color: MUTED, strokeDash: [2, 2], strokeWidth: 1 }, encoding: { x, y: { ...y, field: 'centre' } } },
      { data: { values: points }, mark: { type: 'line', color: '#333', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'rate' } } },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x,
          y: { ...y, field: 'rate' },
          shape: { field: 'state', type: 'nominal', title: null, scale: { domain: ['within limits', 'above the limit'], range: ['circle', 'triangle-up'] } },
          color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['within limits', 'above the limit'], range: ['#333333', ALERT] } },
        },
      },
      ...(input.spikeStart
        ? [
            { data: { values: [{ day: input.spikeStart }] }, mark: { type: 'rule', color: ALERT, strokeWidth: 1.5, strokeDash: [6, 3] }, encoding: { x } },
            {
              data: { values: [{ day: input.spikeStart, label: `spike from ${dayLabel(input.spikeStart)}` }] },
              mark: { type: 'text', align: 'right', baseline: 'top', dx: -4, dy: 2, color: ALERT, fontWeight: 600, fontSize: 11 },
              encoding: { x, y: { value: 0 }, text: { field: 'label' } },
            },
          ]
        : []),
    ],
  } as VegaLiteSpec;
}

import { labelExpr } from './axisFormat.ts';
import { byPosition, positions } from './order.ts';
import { ACCENT, MUTED } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';

export interface MixRow {
  category: string;
  before: number | null;
  after: number | null;
}

export interface MixDumbbellInput {
  title: string;
  description: string;
  rows: readonly MixRow[];
  beforeLabel: string;
  afterLabel: string;
}

/** Category shares before (hollow circle) and after (filled circle), joined by a line: the shift reads as its length. */
export function mixDumbbell(input: MixDumbbellInput): VegaLiteSpec {
  const order = input.rows.slice().sort((a, b) => (b.after ?? 0) - (a.after ?? 0)).map((r) => r.category);
  const position = positions(order);
  const long = input.rows.flatMap((r) => [
    { category: r.category, position: position(r.category), period: input.beforeLabel, share: r.before ?? 0 },
    { category: r.category, position: position(r.category), period: input.afterLabel, share: r.after ?? 0 },
  ]);
  const y = { field: 'category', type: 'ordinal', title: null, sort: byPosition('position') } as const;
  const x = { type: 'quantitative', title: 'share of requests', axis: { labelExpr: labelExpr('pct'), tickCount: 5 } } as const;
  const periods = [input.beforeLabel, input.afterLabel];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: 360,
    height: Math.max(60, order.length * 20),
    layer: [
      {
        data: { values: input.rows.map((r) => ({ ...r, position: position(r.category), before: r.before ?? 0, after: r.after ?? 0 })) },
        mark: { type: 'rule', color: '#9a9a9a', strokeWidth: 2 },
        encoding: { y, x: { ...x, field: 'before' }, x2: { field: 'after' } },
      },
      {
        data: { values: long },
        mark: { type: 'point', size: 70, strokeWidth: 2 },
        encoding: {
          y,
          x: { ...x, field: 'share' },
          color: { field: 'period', type: 'nominal', title: null, scale: { domain: periods, range: [MUTED, ACCENT] } },
          fill: { field: 'period', type: 'nominal', title: null, scale: { domain: periods, range: ['#ffffff', ACCENT] } },
          shape: { field: 'period', type: 'nominal', title: null, scale: { domain: periods, range: ['circle', 'circle'] } },
        },
      },
    ],
  } as VegaLiteSpec;
}

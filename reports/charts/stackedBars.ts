import { labelExpr, type Unit } from './axisFormat.ts';
import { byPosition } from './order.ts';
import { SERIES_COLOURS } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';

export interface StackedValue {
  /** YYYY-MM-DD (a week's Monday). */
  x: string;
  stack: string;
  y: number;
}

export interface StackedBarsInput {
  title: string;
  description: string;
  values: readonly StackedValue[];
  unit: Unit;
  yTitle: string;
  /** Stacks beyond this many largest are summed into 'other'. */
  maxStacks?: number;
}

/** Bars over time, each split into its parts (e.g. cost by model per week); the largest part sits at the bottom. */
export function stackedBars(input: StackedBarsInput): VegaLiteSpec {
  const totals = new Map<string, number>();
  for (const v of input.values) totals.set(v.stack, (totals.get(v.stack) ?? 0) + v.y);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const max = input.maxStacks ?? 7;
  const kept = new Set(ranked.slice(0, ranked.length > max ? max - 1 : max));
  const folded = new Map<string, StackedValue>();
  for (const v of input.values) {
    const stack = kept.has(v.stack) ? v.stack : 'other';
    const key = `${v.x}|${stack}`;
    folded.set(key, { x: v.x, stack, y: (folded.get(key)?.y ?? 0) + v.y });
  }
  const stacks = [...ranked.filter((k) => kept.has(k)), ...(ranked.length > kept.size ? ['other'] : [])];
  const values = [...folded.values()].map((v) => ({ ...v, order: stacks.indexOf(v.stack) }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: 560,
    height: 200,
    data: { values },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: null, timeUnit: 'yearmonthdate', axis: { format: '%d %b', labelAngle: 0 } },
      y: { field: 'y', type: 'quantitative', stack: 'zero', title: input.yTitle, axis: { labelExpr: labelExpr(input.unit), tickCount: 5 } },
      color: { field: 'stack', type: 'nominal', title: null, sort: byPosition('order'), scale: { range: SERIES_COLOURS.slice(0, Math.max(1, stacks.length)) } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as VegaLiteSpec;
}

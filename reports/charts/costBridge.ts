import { labelExpr, textExpr } from './axisFormat.ts';
import { byPosition } from './order.ts';
import { ACCENT, ALERT, MUTED } from './palette.ts';
import type { VegaLiteSpec } from './renderSvg.ts';

export interface BridgeInput {
  title: string;
  description: string;
  before: { label: string; value: number };
  steps: readonly { label: string; value: number }[];
  after: { label: string; value: number };
}

/**
 * A bridge (waterfall) from last week's cost to this week's: each effect is a bar from the running total, up or
 * down, labelled with its signed amount, so the direction reads from position and text as well as colour.
 */
export function costBridge(input: BridgeInput): VegaLiteSpec {
  let running = input.before.value;
  const bars = [{ label: input.before.label, start: 0, end: input.before.value, amount: input.before.value, kind: 'total' }];
  for (const s of input.steps) {
    bars.push({ label: s.label, start: running, end: running + s.value, amount: s.value, kind: s.value >= 0 ? 'increase' : 'decrease' });
    running += s.value;
  }
  bars.push({ label: input.after.label, start: 0, end: input.after.value, amount: input.after.value, kind: 'total' });
  const values = bars.map((b, position) => ({ ...b, position, top: Math.max(b.start, b.end) }));
  const x = { field: 'label', type: 'ordinal', title: null, sort: byPosition('position'), axis: { labelAngle: 0, labelLimit: 140 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    description: input.description,
    width: 520,
    height: 200,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          x,
          y: { field: 'start', type: 'quantitative', title: 'USD (estimated)', axis: { labelExpr: labelExpr('usd'), tickCount: 5 } },
          y2: { field: 'end' },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['total', 'increase', 'decrease'], range: [ACCENT, ALERT, '#009E73'] } },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 11, color: MUTED },
        encoding: {
          x,
          y: { field: 'top', type: 'quantitative' },
          text: { value: { expr: `(datum.kind == 'total' ? '' : (datum.amount >= 0 ? '+' : '−')) + ${textExpr('usd', 'abs_amount')}` } },
        },
        transform: [{ calculate: 'abs(datum.amount)', as: 'abs_amount' }],
      },
    ],
  } as VegaLiteSpec;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { costBridge } from '../../../reports/charts/costBridge.ts';
import { mixDumbbell } from '../../../reports/charts/mixDumbbell.ts';
import { pChart } from '../../../reports/charts/pChart.ts';
import { renderSvg } from '../../../reports/charts/renderSvg.ts';
import { severityHeatmap } from '../../../reports/charts/severityHeatmap.ts';
import { stackedBars } from '../../../reports/charts/stackedBars.ts';
import { trendLines } from '../../../reports/charts/trendLines.ts';

const marks = (svg: string) => (svg.match(/class="mark-[a-z]+ role-mark/g) ?? []).length;
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('each chart renders in Node to a self-contained SVG with marks that scales down to its column', async () => {
  const days = Array.from({ length: 10 }, (_, i) => `2026-11-${String(6 + i).padStart(2, '0')}`);
  const specs = [
    trendLines({ title: 't', description: 'd', unit: 'ms', yTitle: 'p95', points: days.flatMap((x, i) => [{ x, series: 'a', y: 100 + i }, { x, series: 'b', y: 2000 - i }]), markX: days[7], markLabel: 'W46' }),
    pChart({ title: 'p', description: 'd', spikeStart: days[8], points: days.map((day, i) => ({ day, period: i < 3 ? 'reference' : 'current', rate: i >= 8 ? 0.2 : 0.03, centre: 0.03, lower: 0, upper: 0.07, above: i >= 8 })) }),
    severityHeatmap({ title: 'h', description: 'd', cells: days.slice(3).flatMap((day, i) => ['wf1', 'wf2'].map((row) => ({ day, row, severity: row === 'wf2' && i > 4 ? 'high' : 'none', metric: 'unknown_rate' }))) }),
    mixDumbbell({ title: 'm', description: 'd', beforeLabel: 'before', afterLabel: 'now', rows: [{ category: 'billing', before: 0.3, after: 0.2 }, { category: 'unknown', before: 0.03, after: 0.18 }] }),
    stackedBars({ title: 's', description: 'd', unit: 'usd', yTitle: 'USD', values: days.slice(0, 3).flatMap((x) => ['m1', 'm2', 'm3'].map((stack, j) => ({ x, stack, y: j + 1 }))) }),
    costBridge({ title: 'b', description: 'd', before: { label: 'W45', value: 100 }, steps: [{ label: 'volume', value: 10 }, { label: 'model mix', value: 40 }, { label: 'tokens', value: -5 }, { label: 'price', value: 0 }], after: { label: 'W46', value: 145 } }),
  ];
  for (const spec of specs) {
    const svg = await renderSvg(spec);
    assert.match(svg, /^<svg[^>]* style="max-width:100%;height:auto"/, 'scales down, keeps its aspect');
    assert.ok(marks(svg) > 0, `${String(spec.title)}: marks`);
    assert.doesNotMatch(svg, /<image|href="http|<script/i, 'nothing to fetch, nothing to run');
  }
  const p = await renderSvg(specs[1]);
  assert.ok(texts(p).includes('spike from Sat 14 Nov'), 'the spike start day is labelled on the p-chart');
  const h = await renderSvg(specs[2]);
  assert.ok(texts(h).filter((x) => x === 'H').length === 2 && texts(h).includes('·'), 'heat-map cells carry their severity letter');
  const b = await renderSvg(specs[5]);
  for (const label of ['+$10', '+$40', '−$5']) assert.ok(texts(b).includes(label), `bridge step ${label}`);
});

test('stacked bars keep the largest parts and fold the rest into "other"', () => {
  const spec = stackedBars({ title: 's', description: 'd', unit: 'usd', yTitle: 'USD', maxStacks: 3, values: ['a', 'b', 'c', 'd'].map((stack, i) => ({ x: '2026-11-09', stack, y: 10 - i })) }) as { data: { values: { stack: string; y: number }[] } };
  assert.deepEqual(spec.data.values.map((v) => [v.stack, v.y]), [['a', 10], ['b', 9], ['other', 15]]);
});

test('a weekly trend is labelled at its weeks, not at days between them', async () => {
  const svg = await renderSvg(trendLines({ title: 't', description: 'd', unit: 'usd', yTitle: 'USD', points: ['2026-10-26', '2026-11-02'].flatMap((x, i) => [{ x, series: 'draft', y: 1.2 + i }, { x, series: 'triage', y: 0.16 }]) }));
  const ticks = texts(svg).filter((t) => /^\d{2} [A-Z][a-z]{2}$/.test(t));
  assert.deepEqual(ticks, ['26 Oct', '02 Nov']);
});

test('labels from the logs that are names of built-in object properties (toString, constructor …) render as labels on every chart', async () => {
  const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'if'];
  const days = ['2026-11-09', '2026-11-10', '2026-11-11'];
  const specs = {
    trendLines: trendLines({ title: 't', description: 'd', unit: 'ms', yTitle: 'p95', points: days.flatMap((x, i) => names.map((series, j) => ({ x, series, y: 100 + i + 10 * j }))) }),
    severityHeatmap: severityHeatmap({ title: 'h', description: 'd', cells: days.flatMap((day) => names.map((row) => ({ day, row, severity: 'none', metric: null }))) }),
    mixDumbbell: mixDumbbell({ title: 'm', description: 'd', beforeLabel: 'before', afterLabel: 'now', rows: names.map((category, i) => ({ category, before: 0.1, after: 0.02 * i })) }),
    stackedBars: stackedBars({ title: 's', description: 'd', unit: 'usd', yTitle: 'USD', maxStacks: names.length, values: days.flatMap((x) => names.map((stack, j) => ({ x, stack, y: j + 1 }))) }),
    costBridge: costBridge({ title: 'b', description: 'd', before: { label: names[0], value: 100 }, steps: names.slice(1, -1).map((label) => ({ label, value: 5 })), after: { label: names.at(-1)!, value: 120 } }),
  };
  for (const [chart, spec] of Object.entries(specs)) {
    const labels = texts(await renderSvg(spec));
    assert.deepEqual(names.filter((n) => !labels.includes(n)), [], `${chart}: labels ${labels.join(', ')}`);
  }
  // Rows keep their order: the heat map's workflows alphabetically, the mix's categories by this week's share.
  const rowsOf = (svg: string) => texts(svg).filter((x) => names.includes(x));
  assert.deepEqual(rowsOf(await renderSvg(specs.severityHeatmap)), [...names].sort());
  assert.deepEqual(rowsOf(await renderSvg(specs.mixDumbbell)), [...names].reverse());
});

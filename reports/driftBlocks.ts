import { mixDumbbell } from './charts/mixDumbbell.ts';
import { pChart, type PChartPoint } from './charts/pChart.ts';
import { severityHeatmap } from './charts/severityHeatmap.ts';
import type { Block, Row, SectionContext } from './defineSection.ts';
import { segmentLabel, type DriftRow } from './driftText.ts';
import { anchorId } from './html.ts';

export interface DailyRow extends Row {
  segment: string;
  segment_type: string;
  tenant_id: string | null;
  workflow: string;
  day: string;
  period: 'reference' | 'current';
  unknown_rate: number;
  reference_rate: number;
  lower_limit_rate: number;
  upper_limit_rate: number;
  above_limit: boolean;
}

/** One p-chart per charted segment, the spike's start day marked. */
export function unknownCharts(charted: readonly DriftRow[], daily: readonly DailyRow[], ctx: SectionContext): Block[] {
  return charted.map((seg) => {
    const points: PChartPoint[] = daily
      .filter((d) => d.segment === seg.segment)
      .map((d) => ({ day: d.day, period: d.period, rate: d.unknown_rate, centre: d.reference_rate, lower: d.lower_limit_rate, upper: d.upper_limit_rate, above: d.above_limit }));
    const label = segmentLabel(seg, ctx);
    const id = anchorId('chart-unknown', seg.segment);
    const start = seg.spike_start_day ? ` The spike started on ${seg.spike_start_day}.` : '';
    return {
      kind: 'chart',
      id,
      title: `${label}: unknown share per day against its p-chart limits`,
      datasets: ['drift_unknown_daily'],
      description: `Daily unknown share of ${label} over the reference window and the report week, with the reference centre line and upper control limit.${start}`,
      spec: pChart({ title: '', description: `Unknown share of ${label} per day`, points, spikeStart: seg.spike_start_day }),
    } satisfies Block;
  });
}

interface MixRow extends Row {
  tenant_id: string | null;
  workflow: string;
  category: string;
  reference_share: number | null;
  current_share: number | null;
}

/** A category-mix segment's identity: its exact tenant (null: all tenants) and workflow, whatever characters they hold. */
export const mixKey = (r: { tenant_id: string | null; workflow: string | null }) => JSON.stringify([r.tenant_id, r.workflow]);

/** The segments as drift_category_mix.sql's $segments. */
export const mixSegmentsParam = (segments: readonly { tenant_id: string | null; workflow: string | null }[]) =>
  JSON.stringify(segments.map((s) => ({ tenant_id: s.tenant_id, workflow: s.workflow })));

export function mixCharts(segments: readonly DriftRow[], mix: readonly MixRow[], ctx: SectionContext): Block[] {
  return segments.map((seg) => {
    const rows = mix.filter((m) => mixKey(m) === mixKey(seg));
    const top = rows.slice(0, 10);
    const label = segmentLabel(seg, ctx);
    return {
      kind: 'chart',
      id: anchorId('chart-mix', seg.tenant_id, seg.workflow),
      title: `${label}: category mix, reference window vs ${ctx.week.week}`,
      datasets: ['drift_category_mix'],
      description: `Share of each category for ${label} in the reference window (hollow) and in ${ctx.week.week} (filled).`,
      spec: mixDumbbell({ title: '', description: `Category mix of ${label}`, rows: top.map((r) => ({ category: r.category, before: r.reference_share, after: r.current_share })), beforeLabel: 'reference window', afterLabel: ctx.week.week }),
    } satisfies Block;
  });
}

interface HeatRow extends Row {
  day: string;
  workflow: string;
  severity: string;
  worst_metric: string | null;
}

export function heatmapChart(rows: readonly HeatRow[], ctx: SectionContext): Block {
  return {
    kind: 'chart',
    id: 'chart-drift-heatmap',
    title: 'Worst daily drift severity by workflow and day',
    datasets: ['drift_heatmap'],
    description: `Heat map of the worst daily p-chart severity over the rate metrics for each workflow and day of ${ctx.week.week}; letters H, M, L mark high, medium and low.`,
    spec: severityHeatmap({ title: '', description: 'Drift severity by workflow and day', cells: rows.map((r) => ({ day: r.day, row: r.workflow, severity: r.severity, metric: r.worst_metric })) }),
  };
}

import { defineSection, type Block, type Column, type Row, type Signal } from '../defineSection.ts';
import { heatmapChart, mixCharts, mixKey, mixSegmentsParam, unknownCharts, type DailyRow } from '../driftBlocks.ts';
import { driftSubject, findingStatement, metricLabel, metricValue, segmentLabel, SEVERITY_LEVEL, type DriftRow } from '../driftText.ts';
import { count, dayRange, number, pct } from '../format.ts';
import { anchorId, esc, severityBadge } from '../html.ts';
import { subjectLabel, topicOf } from '../signals.ts';

interface RunRow extends Row {
  run_id: string;
  window_start: string;
  window_end: string;
  reference_start: string;
  reference_end: string;
  min_sample_size: number;
  fdr: number;
  skipped: string | null;
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const findingAnchor = (r: DriftRow) => anchorId('drift', r.segment, r.metric);
const MAX_CHARTS = 4;

export const drift = defineSection({
  name: 'drift',
  title: 'Drift',
  reads: ['drift_runs', 'drift_week_runs', 'drift_week_summary', 'drift_week_insufficient', 'unknown_rate_week_daily', 'category_mix_week', 'drift_heatmap_week'],
  datasets: [
    { name: 'drift_week_run' }, { name: 'drift_latest_run' }, { name: 'drift_findings' }, { name: 'drift_unknown' }, { name: 'drift_unknown_daily' },
    { name: 'drift_category_mix' }, { name: 'drift_heatmap' }, { name: 'drift_insufficient' },
  ],
  needs: { objects: ['drift_runs', 'drift_results'], missing: 'Drift detection has not run: the warehouse has no drift tables.', remedy: ' Run `assay drift` (job `drift`).' },
  async build(ctx) {
    const [run] = await ctx.fetch<RunRow>('drift_week_run');
    if (!run) {
      const [latest] = await ctx.fetch<RunRow>('drift_latest_run');
      const seen = latest ? ` The latest drift run (${latest.run_id}) covered ${latest.window_start} to ${addDays(latest.window_end, -1)}.` : ' No drift run is recorded yet.';
      return { status: 'missing', reason: `Drift has not run for ${ctx.week.week}.`, remedy: `${seen} Run \`assay drift --window 7d --end ${ctx.week.end}\` to check this week against the four weeks before it.` };
    }
    const findings = await ctx.fetch<DriftRow>('drift_findings');
    const unknown = await ctx.fetch<DriftRow>('drift_unknown');
    const signals: Signal[] = findings.map((r) => ({
      level: SEVERITY_LEVEL[r.severity] ?? 'info', topic: topicOf(r.metric), subject: driftSubject(r), label: subjectLabel(ctx, driftSubject(r)),
      statement: `${findingStatement(r)}${r.segment_type === 'prompt_version' ? ` (prompt ${driftSubject(r).prompt_version})` : ''} (${r.severity})`, ...(r.spike_start_day ? { since: r.spike_start_day } : {}), score: (r.lead_effect ?? 0) / (r.lead_high_band || 1), change: false,
      anchor: r.metric === 'unknown_rate' ? anchorId('drift-unknown', r.segment) : findingAnchor(r), section: 'drift',
    }));
    const bySeverity = (s: string) => findings.filter((f) => f.severity === s).length;
    const figures = [{
      label: 'drift findings', value: `${bySeverity('high')} high · ${bySeverity('medium')} medium`, note: `${bySeverity('low')} low, vs ${dayRange(run.reference_start, addDays(run.reference_end, -1))}`,
      level: bySeverity('high') ? ('red' as const) : bySeverity('medium') ? ('amber' as const) : undefined, headline: true, dataset: 'drift_findings',
    }];
    const weeksBack = Math.round((Date.parse(run.reference_end) - Date.parse(run.reference_start)) / (7 * 86_400_000));
    const skipped = (JSON.parse(run.skipped ?? '[]') as { metric: string; reason: string }[]).map((s) => `Not measured: ${metricLabel(s.metric)} (${s.reason}).`);
    const blocks: Block[] = [{ kind: 'figures', items: figures }];
    blocks.push({ kind: 'text', html: `<p>Drift run <code>${esc(run.run_id)}</code> compared ${esc(dayRange(run.window_start, addDays(run.window_end, -1)))} with the reference window ${esc(dayRange(run.reference_start, addDays(run.reference_end, -1)))}${weeksBack > 0 ? ` (${weeksBack} weeks)` : ''}. A finding needs at least ${run.min_sample_size} records in each window, significance after Benjamini–Hochberg at ${pct(run.fdr)}, and an effect past its low band (docs/drift.md). ${skipped.map(esc).join(' ')}</p>` });

    // Unknown answers: every workflow's share, and a p-chart for the worst segments.
    const flagged = unknown.filter((r) => r.severity_rank >= 2);
    const charted = (flagged.length ? flagged : unknown.filter((r) => r.segment_type === (ctx.tenant ? 'tenant_workflow' : 'workflow')).sort((a, b) => b.n_current - a.n_current)).slice(0, MAX_CHARTS);
    const daily = charted.length ? await ctx.fetch<DailyRow>('drift_unknown_daily', { segments: charted.map((c) => c.segment) }) : [];
    const unknownCols: Column[] = [
      { label: 'Segment', value: (r) => segmentLabel(r as DriftRow, ctx) },
      { label: 'Requests', key: 'n_current', format: 'count' },
      { label: 'Before', key: 'reference_rate', format: 'pct' },
      { label: 'This week', key: 'current_rate', format: 'pct' },
      { label: 'Since the spike', key: 'since_start_rate', format: 'pct' },
      { label: 'Above the limit from', key: 'spike_start_day', format: 'day' },
      { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
    ];
    blocks.push({
      kind: 'subsection', id: 'drift-unknown', title: 'Unknown answers',
      blocks: [
        { kind: 'table', id: 'drift-unknown-table', title: 'Unknown share per workflow, before and this week', dataset: 'drift_unknown', columns: unknownCols, rowId: (r) => anchorId('drift-unknown', String(r.segment)),
          rows: ctx.tenant ? unknown : unknown.filter((r) => r.severity_rank >= 2 || r.segment_type === 'workflow'), empty: 'No workflow had enough records to test.',
          note: ctx.tenant ? undefined : `Every workflow, and the tenant × workflow segments with a finding; the other ${unknown.filter((r) => r.severity_rank < 2 && r.segment_type !== 'workflow').length} tenant segments are in report.json and the query.` },
        ...(flagged.length ? [] : [{ kind: 'text', html: `<p>No unknown-answer spike this week; the chart${charted.length === 1 ? ' shows the busiest workflow' : 's show the busiest workflows'} for reference.</p>` } satisfies Block]),
        ...unknownCharts(charted, daily, ctx),
      ],
    });

    // Category mix before / after for segments whose mix or unknown share moved.
    const mixSegments = [...findings.filter((r) => r.metric === 'category' && r.segment_type !== 'model' && r.segment_type !== 'overall' && r.segment_type !== 'prompt_version'), ...flagged]
      .filter((r, i, a) => a.findIndex((x) => mixKey(x) === mixKey(r)) === i)
      .slice(0, 3);
    const mix = mixSegments.length ? await ctx.fetch<Row & { tenant_id: string | null; workflow: string; category: string; reference_share: number | null; current_share: number | null }>('drift_category_mix', { segments: mixSegmentsParam(mixSegments) }) : [];
    const categoryFindings = findings.filter((r) => r.kind === 'category');
    blocks.push({
      kind: 'subsection', id: 'drift-category-mix', title: 'Category mix, before and after',
      blocks: mixSegments.length
        ? [
            ...mixCharts(mixSegments, mix, ctx),
            { kind: 'table', id: 'drift-mix-table', title: 'Category shares, reference window vs this week', dataset: 'drift_category_mix', rows: mix, empty: 'No categories.',
              columns: [
                { label: 'Segment', value: (r) => (r.tenant_id && !ctx.tenant ? `${r.tenant_id} · ${r.workflow}` : r.tenant_id ? r.workflow : `${r.workflow} (all tenants)`) },
                { label: 'Category', key: 'category' },
                { label: 'Before', key: 'reference_share', format: 'pct' },
                { label: 'This week', key: 'current_share', format: 'pct' },
                { label: 'Change', key: 'share_change', format: 'pp' },
                { label: 'Requests this week', key: 'current_requests', format: 'count' },
              ] },
          ]
        : [{ kind: 'text', html: '<p class="empty">No segment’s category mix or unknown share moved this week.</p>' }],
    });
    if (categoryFindings.length) {
      blocks.push({ kind: 'table', id: 'drift-category-findings', title: 'Category-mix findings', dataset: 'drift_findings', rows: categoryFindings, rowId: (r) => findingAnchor(r as DriftRow), empty: '',
        columns: [
          { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
          { label: 'Segment', value: (r) => segmentLabel(r as DriftRow, ctx) },
          { label: 'Test', value: (r) => `${String(r.lead_test).replaceAll('_', ' ')} ${number(r.lead_effect as number)}` },
          { label: 'New categories', value: (r) => ((r.new_categories as string[] | null) ?? []).join(', ') },
          { label: 'Vanished', value: (r) => ((r.vanished_categories as string[] | null) ?? []).join(', ') },
        ] });
    }

    // Numeric drift and the other rates.
    const testCell = (r: Row) => `${String(r.lead_test).replaceAll('_', ' ')} ${number(r.lead_effect as number)}`;
    blocks.push({
      kind: 'subsection', id: 'drift-numeric', title: 'Numeric drift: latency, tokens, confidence, cost per request',
      blocks: [{ kind: 'table', id: 'drift-numeric-table', title: 'Numeric findings, most severe first', dataset: 'drift_findings', rows: findings.filter((r) => r.kind === 'numeric'), rowId: (r) => findingAnchor(r as DriftRow),
        empty: 'No numeric drift this week.',
        columns: [
          { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
          { label: 'Segment', value: (r) => segmentLabel(r as DriftRow, ctx) },
          { label: 'Metric', value: (r) => metricLabel(String(r.metric)) },
          { label: 'Test (effect)', value: testCell },
          { label: 'p50 before → now', align: 'right', value: (r) => `${metricValue(String(r.metric), r.reference_p50 as number)} → ${metricValue(String(r.metric), r.current_p50 as number)}` },
          { label: 'p95 before → now', align: 'right', value: (r) => `${metricValue(String(r.metric), r.reference_p95 as number)} → ${metricValue(String(r.metric), r.current_p95 as number)}` },
          { label: 'Records', key: 'n_current', format: 'count' },
        ] }],
    });
    const rates = findings.filter((r) => r.kind === 'rate' && r.metric !== 'unknown_rate');
    blocks.push({ kind: 'table', id: 'drift-rates-table', title: 'Rate findings (errors, fallbacks, overrides, low confidence)', dataset: 'drift_findings', rows: rates, rowId: (r) => findingAnchor(r as DriftRow), empty: 'No rate drift this week.',
      columns: [
        { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
        { label: 'Segment', value: (r) => segmentLabel(r as DriftRow, ctx) },
        { label: 'Metric', value: (r) => metricLabel(String(r.metric)) },
        { label: 'Before', key: 'reference_rate', format: 'pct' },
        { label: 'This week', key: 'current_rate', format: 'pct' },
        { label: 'Test (effect)', value: testCell },
      ] });

    const heat = await ctx.fetch<Row & { day: string; workflow: string; severity: string; worst_metric: string | null }>('drift_heatmap');
    blocks.push({ kind: 'subsection', id: 'drift-heatmap', title: 'Severity by workflow and day', blocks: heat.length ? [heatmapChart(heat, ctx)] : [{ kind: 'text', html: '<p class="empty">No daily p-chart points this week.</p>' }] });

    const insufficient = await ctx.fetch<Row>('drift_insufficient');
    blocks.push({
      kind: 'subsection', id: 'drift-insufficient', title: 'Not tested: insufficient data',
      blocks: [{ kind: 'table', id: 'drift-insufficient-table', title: 'Segments without enough records (no finding here means "not known", not "fine")', dataset: 'drift_insufficient', rows: insufficient, empty: 'Every segment had enough records.',
        columns: [
          { label: 'Segment', value: (r) => segmentLabel(r as DriftRow, ctx) },
          { label: 'Why', key: 'reason' },
          { label: 'Records this week', key: 'n_current', format: 'count' },
          { label: 'In the reference', key: 'n_reference', format: 'count' },
          { label: 'Metrics untested', value: (r) => ((r.metrics as string[]) ?? []).map(metricLabel).join(', ') },
        ] }],
    });
    return {
      status: 'ok',
      summary: `${findings.length} finding${findings.length === 1 ? '' : 's'} of severity low or above in ${ctx.week.week} against the ${weeksBack > 0 ? `${weeksBack} weeks` : 'reference window'} before it; ${count(insufficient.length)} segment${insufficient.length === 1 ? '' : 's'} could not be tested.`,
      blocks,
      signals,
      figures,
    };
  },
});

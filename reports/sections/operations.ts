import type { Bands, ReportConfig } from '../config.ts';
import { trendLines } from '../charts/trendLines.ts';
import { defineSection, type Block, type Column, type Row, type SectionContext, type Signal } from '../defineSection.ts';
import { change, count, estimate, ms, pct, pp } from '../format.ts';
import { anchorId, esc } from '../html.ts';
import { gradeRise, scoreOf, subjectLabel, topicOf } from '../signals.ts';

interface OpsRow extends Row {
  week: string;
  prev_week: string;
  tenant_id: string | null;
  workflow: string | null;
  requests: number;
  est_requests: number;
  prev_requests: number | null;
  prev_est_requests: number | null;
  est_requests_change: number | null;
  latency_p50_ms: number;
  latency_p95_ms: number;
  prev_latency_p95_ms: number | null;
  latency_p95_change: number | null;
  [k: string]: unknown;
}

/** Shares whose rise the verdict grades, with their bands in report.thresholds. */
const RATES = [
  { key: 'error_rate', bands: 'error_rate_rise', label: 'errors' },
  { key: 'timeout_rate', bands: 'timeout_rate_rise', label: 'timeouts' },
  { key: 'fallback_rate', bands: 'fallback_rate_rise', label: 'fallbacks' },
  { key: 'human_override_rate', bands: 'human_override_rate_rise', label: 'human overrides' },
  { key: 'unknown_rate', bands: 'unknown_rate_rise', label: 'unknown answers' },
] as const satisfies readonly { key: string; bands: keyof ReportConfig['thresholds']; label: string }[];

// The all-workflows row passes its null: as the text 'all' it shared its id with a workflow named 'all'.
const rowAnchor = (r: OpsRow) => anchorId('ops', r.tenant_id, r.workflow);

const enough = (r: OpsRow, min: number) => r.requests >= min && (r.prev_requests ?? 0) >= min;

/** Whether a volume drop can be told from noise: the week before had enough records (this one may have none). */
const dropCounts = (r: OpsRow, min: number) => (r.prev_requests ?? 0) >= min;

/** Whether a p95 change can be told from noise: both weeks need enough records. */
const latencyCounts = (r: OpsRow, ctx: SectionContext) => r.latency_p95_change !== null && enough(r, Math.max(ctx.config.min_requests, ctx.config.min_requests_latency));

/** Whether a rate change can be told from noise: enough records and a two-proportion z of at least min_z. */
const rateCounts = (r: OpsRow, key: string, ctx: SectionContext) =>
  r[`${key}_change`] !== null && enough(r, ctx.config.min_requests) && Math.abs(Number(r[`${key}_change_z`] ?? 0)) >= ctx.config.min_z;

/** Week-over-week changes of one row as signals; changes that may be noise say nothing. */
function rowSignals(r: OpsRow, ctx: SectionContext, anchor: string): Signal[] {
  const t = ctx.config.thresholds;
  if (r.workflow === null) return [];
  const base = { subject: { tenant_id: ctx.tenant ? null : r.tenant_id, workflow: r.workflow }, label: subjectLabel(ctx, r), change: true, anchor, section: 'operations' };
  const out: Signal[] = [];
  const vs = `vs ${r.prev_week}`;
  if (latencyCounts(r, ctx)) {
    const c = r.latency_p95_change as number;
    out.push({ ...base, topic: topicOf('latency_ms'), level: c > 0 ? gradeRise(c, t.latency_p95_rise) : 'info', score: scoreOf(c, t.latency_p95_rise),
      statement: `p95 latency ${ms(r.prev_latency_p95_ms)} → ${ms(r.latency_p95_ms)} (${change(c)}) ${vs}` });
  }
  for (const m of RATES) {
    if (!rateCounts(r, m.key, ctx)) continue;
    const c = r[`${m.key}_change`] as number;
    const bands: Bands = t[m.bands];
    out.push({ ...base, topic: topicOf(m.key), level: c > 0 ? gradeRise(c, bands) : 'info', score: scoreOf(c, bands),
      statement: `${m.label} ${pct(r[`prev_${m.key}`] as number)} → ${pct(r[m.key] as number)} (${pp(c)}) ${vs}` });
  }
  // a drop counts from a week with enough records, down to none (a feed that stopped: the view's requests 0 row)
  if (!dropCounts(r, ctx.config.min_requests)) return out;
  if (r.est_requests_change !== null) {
    const c = r.est_requests_change;
    out.push({ ...base, topic: topicOf('est_requests'), level: c < 0 ? gradeRise(-c, t.volume_drop) : 'info', score: scoreOf(c, t.volume_drop),
      statement: `requests ${estimate(r.prev_est_requests)} → ${estimate(r.est_requests)} (${change(c)}) ${vs}` });
  }
  return out;
}

/** A change cell: the figure, with a ▲ and colour when the verdict counts it amber or red. */
function changeCell(value: number | null, text: string, bands: Bands, worse: 'up' | 'down', counts: boolean): string {
  if (value === null || !counts) return esc(text);
  const rise = worse === 'up' ? value : -value;
  const level = rise > 0 ? gradeRise(rise, bands) : 'info';
  return level === 'info' ? esc(text) : `<span class="chg chg-${level}">${esc(text)} <span aria-label="${level}">▲</span></span>`;
}

function columns(ctx: SectionContext, withTenant: boolean): Column[] {
  const t = ctx.config.thresholds;
  return [
    ...(withTenant ? [{ label: 'Tenant', key: 'tenant_id' }] : []),
    { label: 'Workflow', value: (r) => r.workflow ?? 'all workflows' },
    { label: 'Requests', key: 'est_requests', format: 'estimate', html: (r) => `${esc(estimate(r.est_requests as number))}<br><small>${esc(count(r.requests as number))} sampled</small>` },
    { label: 'Δ requests', key: 'est_requests_change', format: 'change', html: (r) => changeCell(r.est_requests_change as number | null, change(r.est_requests_change as number | null), t.volume_drop, 'down', dropCounts(r as OpsRow, ctx.config.min_requests)) },
    { label: 'p50', key: 'latency_p50_ms', format: 'ms' },
    { label: 'p95', key: 'latency_p95_ms', format: 'ms' },
    { label: 'Δ p95', key: 'latency_p95_change', format: 'change', html: (r) => changeCell(r.latency_p95_change as number | null, change(r.latency_p95_change as number | null), t.latency_p95_rise, 'up', latencyCounts(r as OpsRow, ctx)) },
    ...RATES.map((m): Column => ({
      label: m.label[0].toUpperCase() + m.label.slice(1),
      key: m.key,
      format: 'pct',
      html: (r) => `${esc(pct(r[m.key] as number))}${r[`${m.key}_change`] !== null && r[`${m.key}_change`] !== undefined ? ` <small>${changeCell(r[`${m.key}_change`] as number, pp(r[`${m.key}_change`] as number), t[m.bands], 'up', rateCounts(r as OpsRow, m.key, ctx))}</small>` : ''}`,
    })),
  ];
}

export const operations = defineSection({
  name: 'operations',
  title: 'Volume, latency and rates',
  reads: ['workflow_week_over_week'],
  datasets: [{ name: 'ops_weeks' }],
  needs: { objects: ['records'], missing: 'No records table.', remedy: 'Run `assay ingest` first.' },
  async build(ctx) {
    const weeks = await ctx.fetch<OpsRow>('ops_weeks', { trend_weeks: ctx.config.trend_weeks });
    const rows = weeks.filter((r) => r.week === ctx.week.week);
    const scope = rows.filter((r) => r.tenant_id === ctx.tenant);
    const total = scope.find((r) => r.workflow === null);
    if (!total) {
      return { status: 'missing', reason: `No records for ${ctx.week.week}${ctx.tenant ? ` for tenant ${ctx.tenant}` : ''}.`, remedy: ' Ingest that week\'s logs with `assay ingest`.' };
    }
    const perWorkflow = scope.filter((r) => r.workflow !== null);
    const signals = perWorkflow.flatMap((r) => rowSignals(r, ctx, rowAnchor(r)));
    const blocks: Block[] = [];
    const figures = [
      { label: 'requests (estimated)', value: estimate(total.est_requests), note: `${total.requests.toLocaleString('en-US')} sampled · ${change(total.est_requests_change)} vs ${total.prev_week}`, headline: true, dataset: 'ops_weeks' },
      { label: 'error rate', value: pct(total.error_rate as number), note: `${total.requests === 0 ? 'no records this week' : total.error_rate_change === null ? `no data for ${total.prev_week}` : `${pp(total.error_rate_change as number)} vs ${total.prev_week}`} · timeouts ${pct(total.timeout_rate as number)}`, headline: true, dataset: 'ops_weeks' },
    ];
    blocks.push({ kind: 'figures', items: figures });
    blocks.push({
      kind: 'table', id: 'ops-workflows', title: `Per workflow, ${ctx.week.week} vs ${ctx.week.prev}`, dataset: 'ops_weeks',
      columns: columns(ctx, false), rows: [...perWorkflow, total], rowId: (r) => rowAnchor(r as OpsRow), empty: 'No workflows.',
      note: `Changes are against ${ctx.week.prev}: relative for requests and latency, in percentage points for rates. ▲ marks a change the verdict counts: past its amber threshold (report.thresholds), with ${ctx.config.min_requests} sampled records in both weeks (${ctx.config.min_requests_latency} for p95) and, for rates, a two-proportion z of at least ${ctx.config.min_z}.`,
    });
    if (!ctx.tenant) {
      const tenants = rows.filter((r) => r.tenant_id !== null && r.workflow === null).sort((a, b) => b.est_requests - a.est_requests);
      blocks.push({ kind: 'table', id: 'ops-tenants', title: 'Per tenant', dataset: 'ops_weeks', columns: columns(ctx, true).filter((c) => c.label !== 'Workflow'), rows: tenants, rowId: (r) => rowAnchor(r as OpsRow), empty: 'No tenants.' });
      const pairs = rows.filter((r) => r.tenant_id !== null && r.workflow !== null);
      const pairSignals = pairs.map((r) => ({ r, s: rowSignals(r, ctx, rowAnchor(r)) }));
      const notable = pairSignals.filter((p) => p.s.some((s) => s.level !== 'info')).map((p) => p.r);
      const shown = new Set(notable.map(rowAnchor));
      for (const p of pairSignals) signals.push(...p.s.map((s) => (shown.has(s.anchor) ? s : { ...s, anchor: 'ops-tenant-workflows' })));
      blocks.push({
        kind: 'table', id: 'ops-tenant-workflows', title: 'Tenant × workflow rows with an amber or red change', dataset: 'ops_weeks',
        columns: columns(ctx, true), rows: notable, rowId: (r) => rowAnchor(r as OpsRow),
        empty: `No tenant's use of a workflow changed past a threshold (${pairs.length} rows checked).`,
        note: `${notable.length} of ${pairs.length} tenant × workflow rows; the query gives them all.`,
      });
    }
    const trend = weeks.filter((r): r is OpsRow & { workflow: string; week_start: string } => r.tenant_id === ctx.tenant && r.workflow !== null);
    const markX = ctx.week.start;
    blocks.push({
      kind: 'chart', id: 'chart-latency-trend', title: `p95 latency per workflow, last ${ctx.config.trend_weeks} weeks`, datasets: ['ops_weeks'],
      description: `Line chart of weekly p95 latency per workflow up to ${ctx.week.week}.`,
      spec: trendLines({ title: '', description: `Weekly p95 latency per workflow up to ${ctx.week.week}`, points: trend.map((r) => ({ x: r.week_start, series: r.workflow, y: r.latency_p95_ms })), unit: 'ms', yTitle: 'p95 latency', markX, markLabel: ctx.week.week }),
    });
    blocks.push({
      kind: 'chart', id: 'chart-volume-trend', title: `Requests per workflow (estimated), last ${ctx.config.trend_weeks} weeks`, datasets: ['ops_weeks'],
      description: `Line chart of estimated weekly requests per workflow up to ${ctx.week.week}.`,
      spec: trendLines({ title: '', description: `Estimated weekly requests per workflow up to ${ctx.week.week}`, points: trend.map((r) => ({ x: r.week_start, series: r.workflow, y: r.est_requests })), unit: 'count', yTitle: 'requests (est.)', markX, markLabel: ctx.week.week }),
    });
    return {
      status: 'ok',
      summary: `${perWorkflow.length} workflow${perWorkflow.length === 1 ? '' : 's'}; rates are shares of the estimated requests (each record weighted by 1/sample_rate, so a tenant sampled more thinly counts for the requests it stands for); latency quantiles are of the sampled records.`,
      blocks,
      signals,
      figures,
    };
  },
});

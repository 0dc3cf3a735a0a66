import { costBridge } from '../charts/costBridge.ts';
import { stackedBars } from '../charts/stackedBars.ts';
import { trendLines } from '../charts/trendLines.ts';
import { EFFECTS, mainEffect, type ChangeRow } from '../costText.ts';
import { defineSection, type Block, type Column, type Figure, type Row, type SectionContext, type Signal } from '../defineSection.ts';
import { change, count, day, pct, usd, usdChange } from '../format.ts';
import { anchorId } from '../html.ts';
import { gradeRise, scoreOf, subjectLabel } from '../signals.ts';

/** The views of the cost contract (notes/cost-contract.md) this section needs. */
export const COST_VIEWS = [
  'cost_by_day', 'cost_by_tenant_week', 'cost_by_workflow_week', 'cost_by_model_week', 'cost_per_successful_request',
  'cost_waste_week', 'unpriced_models', 'budget_burn_daily', 'cost_change_week',
] as const;

interface WeekRow extends Row {
  week: string;
  week_start: string;
  est_cost_usd: number | null;
  prev_est_cost_usd: number | null;
  cost_change: number | null;
  est_requests: number;
  requests: number;
  unpriced_requests: number;
}

const costColumns = (first: Column[]): Column[] => [
  ...first,
  { label: 'Cost (est.)', key: 'est_cost_usd', format: 'usd' },
  { label: 'Week before', key: 'prev_est_cost_usd', format: 'usd' },
  { label: 'Δ', key: 'cost_change', format: 'change' },
  { label: 'Share', key: 'share', format: 'pct' },
  { label: 'Requests (est.)', key: 'est_requests', format: 'estimate' },
  { label: 'Unpriced', key: 'unpriced_requests', format: 'count' },
];

function changeSignal(r: ChangeRow, subject: Signal['subject'], anchor: string, ctx: SectionContext): Signal | null {
  const prev = r.prev_est_cost_usd ?? 0;
  if (prev < ctx.config.min_cost_usd || r.est_cost_usd === null || r.cost_change === null) return null;
  const rel = r.cost_change;
  const bands = ctx.config.thresholds.cost_rise;
  const why = mainEffect(r);
  return {
    level: rel > 0 ? gradeRise(rel, bands) : 'info', topic: 'cost', subject, label: subjectLabel(ctx, subject), change: true, anchor, section: 'cost',
    score: scoreOf(rel, bands), statement: `cost ${usd(prev)} → ${usd(r.est_cost_usd)} (${change(rel)}) vs ${ctx.week.prev}${why ? `, ${why}` : ''}`,
  };
}

export const cost = defineSection({
  name: 'cost',
  title: 'Cost',
  reads: ['price_versions', ...COST_VIEWS],
  datasets: [
    { name: 'cost_prices' }, { name: 'cost_tenant_week' }, { name: 'cost_change' }, { name: 'cost_workflow_trend' }, { name: 'cost_model_trend' },
    { name: 'cost_tenant_model_trend' }, { name: 'cost_success_trend' }, { name: 'cost_success_week' }, { name: 'cost_budget' },
    { name: 'cost_unpriced' }, { name: 'cost_tenant_unpriced' }, { name: 'cost_waste' },
  ],
  needs: {
    objects: ['price_versions', ...COST_VIEWS],
    missing: 'Cost not available: run `assay cost`.',
    remedy: ' The cost views (cost_by_workflow_week, cost_by_tenant_week, cost_by_model_week, …) are made by the cost job from the price table; this warehouse does not have them.',
  },
  async build(ctx) {
    const trend = { trend_weeks: ctx.config.trend_weeks };
    const [prices] = await ctx.fetch<Row & { active_versions: number }>('cost_prices');
    if (!prices?.active_versions) return { status: 'missing', reason: 'Cost not available: run `assay cost`.', remedy: ' No price table has been loaded into this warehouse, so no request can be priced.' };
    const tenantRows = await ctx.fetch<WeekRow & { tenant_id: string | null }>('cost_tenant_week');
    const now = tenantRows.find((r) => r.tenant_id === ctx.tenant);
    if (!now) return { status: 'missing', reason: `Cost not available for ${ctx.week.week}: run \`assay cost --week ${ctx.week.week}\`.`, remedy: ' No priced records of that week are in the cost views.' };
    const changeRows = await ctx.fetch<ChangeRow>('cost_change');
    const bridge = changeRows.find((r) => (ctx.tenant ? r.scope === 'tenant' : r.scope === 'total'));
    const changes = changeRows.filter((r) => r.scope !== 'total');
    const signals: Signal[] = [];
    const blocks: Block[] = [];
    const allScope = { tenant_id: null, workflow: null };
    const figures: Figure[] = [
      { label: 'cost (estimated)', value: usd(now.est_cost_usd), note: `${change(now.cost_change)} vs ${ctx.week.prev}${now.unpriced_requests ? ` · ${count(now.unpriced_requests)} unpriced requests not included` : ''}`, headline: true, dataset: 'cost_tenant_week' },
    ];
    if (bridge) {
      const s = changeSignal(bridge, allScope, 'cost-bridge', ctx);
      if (s) signals.push(s);
      blocks.push({
        kind: 'chart', id: 'cost-bridge', title: `What moved the cost from ${ctx.week.prev} to ${ctx.week.week}`, datasets: ['cost_change'],
        description: `Bridge from last week's estimated cost ${usd(bridge.prev_est_cost_usd)} to this week's ${usd(bridge.est_cost_usd)}: ${EFFECTS.map((e) => `${e.label} ${usdChange(bridge[e.key])}`).join(', ')}.`,
        spec: costBridge({ title: '', description: 'Cost change explained', before: { label: ctx.week.prev, value: bridge.prev_est_cost_usd ?? 0 }, steps: EFFECTS.map((e) => ({ label: e.short, value: bridge[e.key] })), after: { label: ctx.week.week, value: bridge.est_cost_usd ?? 0 } }),
      });
    }

    for (const r of changes) {
      const subject = r.scope === 'tenant' ? { tenant_id: ctx.tenant ? null : String(r.scope_id), workflow: null } : { tenant_id: null, workflow: String(r.scope_id) };
      if (ctx.tenant && r.scope === 'tenant') continue; // the tenant's own row is the total above
      const s = changeSignal(r, subject, anchorId('cost-change', r.scope, r.scope_id), ctx);
      if (s) signals.push(s);
    }

    // Per workflow and per model, this week against the last, and their trends.
    const wfTrend = ctx.tenant ? await ctx.fetch<WeekRow & { workflow: string }>('cost_success_trend', trend) : await ctx.fetch<WeekRow & { workflow: string }>('cost_workflow_trend', trend);
    const modelTrend = ctx.tenant ? await ctx.fetch<WeekRow & { model: string }>('cost_tenant_model_trend', trend) : await ctx.fetch<WeekRow & { model: string }>('cost_model_trend', trend);
    const wfDataset = ctx.tenant ? 'cost_success_trend' : 'cost_workflow_trend';
    const modelDataset = ctx.tenant ? 'cost_tenant_model_trend' : 'cost_model_trend';
    blocks.push({
      kind: 'subsection', id: 'cost-workflows', title: 'Per workflow',
      blocks: [
        { kind: 'table', id: 'cost-workflow-table', title: `Estimated cost per workflow, ${ctx.week.week} vs ${ctx.week.prev}`, dataset: wfDataset, rows: wfTrend.filter((r) => r.week === ctx.week.week),
          rowId: (r) => anchorId('cost', 'workflow', String(r.workflow)), empty: 'No cost this week.',
          columns: costColumns([{ label: 'Workflow', key: 'workflow' }]).concat(ctx.tenant ? [{ label: 'Per successful request', key: 'est_cost_per_successful_request', format: 'usd' }] : []) },
        { kind: 'chart', id: 'chart-cost-workflow-trend', title: `Estimated cost per workflow, last ${ctx.config.trend_weeks} weeks`, datasets: [wfDataset],
          description: `Weekly estimated cost per workflow up to ${ctx.week.week}.`,
          spec: trendLines({ title: '', description: 'Weekly cost per workflow', points: wfTrend.map((r) => ({ x: r.week_start, series: r.workflow, y: r.est_cost_usd })), unit: 'usd', yTitle: 'USD (estimated)', markX: ctx.week.start, markLabel: ctx.week.week }) },
      ],
    });
    blocks.push({
      kind: 'subsection', id: 'cost-models', title: 'Per model',
      blocks: [
        { kind: 'chart', id: 'chart-cost-model-mix', title: `Cost mix by model, last ${ctx.config.trend_weeks} weeks`, datasets: [modelDataset],
          description: `Stacked bars of weekly estimated cost split by logged model up to ${ctx.week.week}.`,
          spec: stackedBars({ title: '', description: 'Weekly cost by model', values: modelTrend.map((r) => ({ x: r.week_start, stack: r.model, y: r.est_cost_usd ?? 0 })), unit: 'usd', yTitle: 'USD (estimated)' }) },
        { kind: 'table', id: 'cost-model-table', title: `Estimated cost per model, ${ctx.week.week} vs ${ctx.week.prev}`, dataset: modelDataset, rows: modelTrend.filter((r) => r.week === ctx.week.week),
          rowId: (r) => anchorId('cost', 'model', String(r.model)), empty: 'No cost this week.', columns: costColumns([{ label: 'Model', key: 'model' }]) },
      ],
    });
    if (!ctx.tenant) {
      const tenants = tenantRows.filter((r) => r.tenant_id !== null);
      blocks.push({ kind: 'table', id: 'cost-tenant-table', title: `Estimated cost per tenant, ${ctx.week.week} vs ${ctx.week.prev}`, dataset: 'cost_tenant_week', rows: tenants,
        rowId: (r) => anchorId('cost', 'tenant', String(r.tenant_id)), empty: 'No cost this week.', columns: costColumns([{ label: 'Tenant', key: 'tenant_id' }]) });
      const success = await ctx.fetch<Row>('cost_success_week');
      blocks.push({ kind: 'table', id: 'cost-success-table', title: 'Cost per successful request (status ok, not overridden), per tenant × workflow', dataset: 'cost_success_week', rows: success, empty: 'No requests this week.', limit: 20,
        columns: [
          { label: 'Tenant', key: 'tenant_id' }, { label: 'Workflow', key: 'workflow' }, { label: 'Cost (est.)', key: 'est_cost_usd', format: 'usd' },
          { label: 'Successful (est.)', key: 'est_successful_requests', format: 'estimate' }, { label: 'Per request', key: 'est_cost_per_request', format: 'usd' },
          { label: 'Per successful request', key: 'est_cost_per_successful_request', format: 'usd' },
        ] });
    }
    blocks.push({
      kind: 'table', id: 'cost-change-table', title: 'The change explained: volume, model mix, tokens per request, price', dataset: 'cost_change', rows: changes,
      rowId: (r) => anchorId('cost-change', String(r.scope), String(r.scope_id)), empty: `No priced records in both ${ctx.week.prev} and ${ctx.week.week}.`,
      note: 'The four effects add up to the change (a Shapley split, docs/cost.md); priced records only.',
      columns: [
        { label: 'Scope', value: (r) => `${r.scope} ${r.scope_id}` }, { label: 'Before', key: 'prev_est_cost_usd', format: 'usd' }, { label: 'Now', key: 'est_cost_usd', format: 'usd' },
        { label: 'Δ', key: 'delta_usd', format: 'usdChange' }, ...EFFECTS.map((e): Column => ({ label: e.label[0].toUpperCase() + e.label.slice(1), key: e.key, format: 'usdChange' })),
      ],
    });

    // Budgets, unpriced models, waste.
    const budgets = await ctx.fetch<Row & { scope: string; scope_id: string; budget_usd: number; mtd_est_cost_usd: number; forecast_weekday_usd: number; burn_ratio: number | null; forecast_burn_ratio: number | null; month: string }>('cost_budget');
    for (const b of budgets) {
      const bands = ctx.config.thresholds.budget_forecast_burn;
      // a $0 budget has no burn ratio (NULL): any spend is over it, any forecast spend past its forecast band
      const zero = b.budget_usd === 0;
      const ratio = zero ? (b.mtd_est_cost_usd > 0 ? bands.red : b.forecast_weekday_usd > 0 ? bands.amber : 0) : Math.max(b.forecast_burn_ratio ?? 0, b.burn_ratio ?? 0);
      const level = gradeRise(ratio, bands);
      if (level === 'info') continue;
      const subject = b.scope === 'tenant' ? { tenant_id: ctx.tenant ? null : b.scope_id, workflow: null } : { tenant_id: null, workflow: b.scope_id };
      signals.push({ level, topic: 'budget', subject, label: subjectLabel(ctx, subject), change: false, anchor: anchorId('cost-budget', b.scope, b.scope_id), section: 'cost', score: ratio / bands.red,
        statement: `${b.month} budget ${usd(b.budget_usd)}: ${usd(b.mtd_est_cost_usd)} spent by ${day(ctx.week.last)}, forecast ${usd(b.forecast_weekday_usd)}${zero ? ' (no spend budgeted)' : ` (${pct(b.forecast_burn_ratio)})`}` });
    }
    blocks.push({
      kind: 'table', id: 'cost-budget-table', title: `Budgets: month to date on ${day(ctx.week.last)} and forecast to month end`, dataset: 'cost_budget', rows: budgets,
      rowId: (r) => anchorId('cost-budget', String(r.scope), String(r.scope_id)),
      empty: ctx.tenant ? 'No budget is configured for this tenant (cost.budgets.tenants in assay.config.json).' : 'No budgets are configured: set cost.budgets.tenants and cost.budgets.workflows in assay.config.json to see burn and a month-end forecast.',
      columns: [
        { label: 'Scope', value: (r) => `${r.scope} ${r.scope_id}` }, { label: 'Month', key: 'month' }, { label: 'Budget', key: 'budget_usd', format: 'usd' },
        { label: 'Spent so far', key: 'mtd_est_cost_usd', format: 'usd' }, { label: 'Burn', key: 'burn_ratio', format: 'pct' },
        { label: 'Forecast (weekday-aware)', key: 'forecast_weekday_usd', format: 'usd' }, { label: 'Forecast (linear)', key: 'forecast_linear_usd', format: 'usd' },
        { label: 'Forecast burn', key: 'forecast_burn_ratio', format: 'pct' },
      ],
    });
    const unpriced = ctx.tenant ? await ctx.fetch<Row & { model: string; requests: number }>('cost_tenant_unpriced') : await ctx.fetch<Row & { model: string; requests: number }>('cost_unpriced');
    for (const u of unpriced) {
      const subject = { tenant_id: null, workflow: null, model: u.model };
      signals.push({ level: 'amber', topic: 'unpriced', subject, label: subjectLabel(ctx, subject), change: false, anchor: anchorId('cost-unpriced', u.model), section: 'cost', score: 0.5,
        statement: `no price: ${count(u.requests)} sampled requests are not in any cost figure` });
    }
    blocks.push({
      kind: 'table', id: 'cost-unpriced-table', title: 'Unpriced models: their requests are counted, never costed at $0', dataset: ctx.tenant ? 'cost_tenant_unpriced' : 'cost_unpriced', rows: unpriced,
      rowId: (r) => anchorId('cost-unpriced', String(r.model)), empty: 'Every model of the week was priced.',
      note: unpriced.length ? 'Add the model to your price file (cost.prices_file) and run `assay cost reprice` to cost them.' : undefined,
      columns: [
        { label: 'Model', key: 'model' }, { label: 'Requests (sampled)', key: 'requests', format: 'count' },
        ...(ctx.tenant ? [{ label: 'Workflows', key: 'workflows', format: 'count' } as Column] : [
          { label: 'Requests (est.)', key: 'est_requests', format: 'estimate' } as Column, { label: 'Tenants', key: 'tenants', format: 'count' } as Column,
          { label: 'Why', key: 'unpriced_reason' } as Column]),
      ],
    });
    const waste = await ctx.fetch<Row>('cost_waste');
    blocks.push({
      kind: 'table', id: 'cost-waste-table', title: 'Cost that bought nothing: fallbacks, failed and overridden requests', dataset: 'cost_waste', rows: waste, empty: 'No cost this week.', limit: 10,
      columns: [
        ...(ctx.tenant ? [] : [{ label: 'Tenant', key: 'tenant_id' } as Column]), { label: 'Workflow', key: 'workflow' }, { label: 'Cost (est.)', key: 'est_cost_usd', format: 'usd' },
        { label: 'Fallbacks', key: 'est_fallback_cost_usd', format: 'usd' }, { label: 'Failed', key: 'est_failed_cost_usd', format: 'usd' },
        { label: 'Overridden', key: 'est_overridden_cost_usd', format: 'usd' }, { label: 'Fallback share', key: 'fallback_share', format: 'pct' },
        { label: 'Failed share', key: 'failed_share', format: 'pct' },
      ],
    });
    if (now.unpriced_requests) figures.push({ label: 'unpriced requests', value: count(now.unpriced_requests), note: `${unpriced.length} model${unpriced.length === 1 ? '' : 's'} without a price`, level: 'amber', dataset: 'cost_tenant_week' });
    blocks.unshift({ kind: 'figures', items: figures });
    return {
      status: 'ok',
      summary: `Estimated USD: each sampled record priced with the price in effect at its time, scaled by 1/sample_rate. ${now.prev_est_cost_usd === null ? `No cost for ${ctx.week.prev}, so no change to explain.` : ''}`.trim(),
      blocks, signals, figures,
    };
  },
});

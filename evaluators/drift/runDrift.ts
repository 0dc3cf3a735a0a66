import { AssayError } from '../../data/errors.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import { benjaminiHochberg } from '../stats/benjaminiHochberg.ts';
import { pChart } from '../stats/pChart.ts';
import { loadAggregates, type DriftWindows, type SegmentAggregates } from './aggregates.ts';
import type { DriftConfig } from './config.ts';
import { prepareCostSource } from './costSource.ts';
import type { DriftAggregate, DriftTestDefinition, SeverityBands } from './defineDriftTest.ts';
import { DEFAULT_PLAN, type PlannedTest } from './defaults.ts';
import { getDriftTest } from './registry.ts';
import { grade, SEVERITY_RANK, type Severity } from './severity.ts';

export interface DriftParams {
  window_days: number;
  reference_days: number;
  /** Exclusive end of the current window, YYYY-MM-DD. */
  end: string;
}

/** Where a result belongs: the stored segment columns, the metric and the test. */
export interface ResultKey {
  segment_type: string;
  segment: string;
  tenant_id: string | null;
  workflow: string | null;
  model: string | null;
  prompt_version: string | null;
  metric: string;
  test: string;
}

export interface DriftResultRow extends ResultKey {
  n_current: number;
  n_reference: number;
  statistic: number | null;
  p_value: number | null;
  p_adjusted: number | null;
  effect: number | null;
  threshold: number;
  severity: Severity;
  details: Record<string, unknown>;
}

export interface DriftDailyRow extends ResultKey {
  day: string;
  period: 'current' | 'reference';
  requests: number;
  count: number;
  rate: number;
  centre: number;
  lcl: number;
  ucl: number;
  z: number;
  severity: Severity;
}

export interface DriftRun {
  windows: DriftWindows;
  results: DriftResultRow[];
  daily: DriftDailyRow[];
  /** Metrics not measured, with the reason (e.g. cost without a priced view). */
  skipped: { metric: string; reason: string }[];
  costSource: string | null;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The default end of the current window: the start of today (UTC), or the day after the latest record when the
 * data stops earlier — last week's export must be compared with the weeks before it, not found "insufficient"
 * in a window where it has no records. Returns the day and a sentence saying how it was chosen.
 */
export function defaultDriftEnd(today: string, latestRecordDay: string | null): { end: string; source: string } {
  if (latestRecordDay === null) return { end: today, source: 'the start of today (UTC); no records yet' };
  const after = addDays(latestRecordDay, 1);
  return after < today
    ? { end: after, source: `the day after the latest record (${latestRecordDay}); --end chooses another` }
    : { end: today, source: 'the start of today (UTC)' };
}

/** The current window [end − window_days, end) and the reference: the pinned baseline or the days before. */
export function driftWindows(p: DriftParams, baseline?: DriftConfig['baseline']): DriftWindows {
  const current = { start: addDays(p.end, -p.window_days), end: p.end };
  const reference = baseline ?? { start: addDays(current.start, -p.reference_days), end: current.start };
  if (!(reference.start < reference.end)) throw new AssayError('ASSAY_ERR_CONFIG', `drift.baseline: start ${reference.start} must be before end ${reference.end}`);
  if (reference.end > current.start && reference.start < current.end) {
    throw new AssayError('ASSAY_ERR_CONFIG', `drift.baseline ${reference.start}…${reference.end} overlaps the current window ${current.start}…${current.end}`);
  }
  return { current, reference };
}

/**
 * The reference window as far as the data goes: with two weeks of history a 28-day reference holds two weeks, and
 * the run says so (the report's "(2 weeks)", the alerts' "vs 2026-10-26 … 2026-11-08") instead of claiming four.
 * A pinned baseline is kept as configured.
 */
async function clipReferenceToData(wh: Warehouse, w: DriftWindows, pinned: boolean): Promise<DriftWindows> {
  if (pinned) return w;
  const first = await wh.one<{ day: string | null }>('SELECT utc_day(min(ts)) AS day FROM records WHERE ts >= $start AND ts < $end', w.reference);
  return first?.day && first.day > w.reference.start ? { ...w, reference: { start: first.day, end: w.reference.end } } : w;
}

function bandsFor(test: DriftTestDefinition, metric: string, cfg: DriftConfig): SeverityBands {
  return { ...test.bands, ...cfg.thresholds[test.name], ...cfg.thresholds[`${test.name}.${metric}`] };
}

function aggregateFor(seg: SegmentAggregates, test: DriftTestDefinition, metric: string): DriftAggregate | undefined {
  for (const kind of test.kinds) {
    const a = kind === 'rate' ? seg.rates.get(metric) : kind === 'categorical' ? seg.categorical.get(metric) : seg.numeric.get(metric);
    if (a) return a;
  }
  return undefined;
}

/** Records in each window (not the effective sample sizes of a mixed-rate segment): what min_sample_size counts. */
function sizes(a: DriftAggregate): [number, number] {
  if (a.kind === 'numeric') return [a.summary.cur.n, a.summary.ref.n];
  if (a.records) return [a.records.cur, a.records.ref];
  if (a.kind === 'rate') return [a.cur.n, a.ref.n];
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  return [sum(a.cur), sum(a.ref)];
}

/** The effective sample sizes a test used, where the records were kept at different rates (none otherwise). */
function effectiveSizes(a: DriftAggregate, [nCur, nRef]: [number, number]): Record<string, number> {
  if (a.kind === 'numeric') return {};
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  const [eCur, eRef] = a.kind === 'rate' ? [a.cur.n, a.ref.n] : [sum(a.cur), sum(a.ref)];
  return eCur === nCur && eRef === nRef ? {} : { effective_n_current: eCur, effective_n_reference: eRef };
}

/** What every test of a kind reports besides its own statistic: new/vanished categories, quantiles. */
function context(a: DriftAggregate): Record<string, unknown> {
  if (a.kind === 'categorical') {
    return {
      new_categories: a.categories.filter((_, i) => a.ref[i] === 0 && a.cur[i] > 0),
      vanished_categories: a.categories.filter((_, i) => a.cur[i] === 0 && a.ref[i] > 0),
    };
  }
  if (a.kind === 'numeric') {
    const { cur, ref } = a.summary;
    return { current: { p50: cur.p50, p95: cur.p95, p99: cur.p99, mean: cur.mean }, reference: { p50: ref.p50, p95: ref.p95, p99: ref.p99, mean: ref.mean } };
  }
  return {};
}

/**
 * Runs every planned drift test on every segment: aggregates in DuckDB (one pass per shape), formulas
 * in the tests, then minimum volume, Benjamini–Hochberg across all segment × test pairs, and severity.
 */
export async function runDrift(wh: Warehouse, cfg: DriftConfig, params: DriftParams, plan: readonly PlannedTest[] = DEFAULT_PLAN): Promise<DriftRun> {
  const windows = await clipReferenceToData(wh, driftWindows(params, cfg.baseline), cfg.baseline !== undefined);
  const costSource = await prepareCostSource(wh);
  const skipped = costSource ? [] : [{ metric: 'cost_usd', reason: 'no priced per-request costs (record_costs) in the warehouse' }];
  const psiBins = (cfg.tests as { psi?: { bins?: number } }).psi?.bins ?? 10;
  const segments = await loadAggregates(wh, windows, { unknownCategories: cfg.unknown_categories, lowConfidenceThreshold: cfg.low_confidence_threshold, psiBins });

  const pending: (DriftResultRow & { bands: SeverityBands })[] = [];
  const daily: DriftDailyRow[] = [];
  for (const seg of segments.values()) {
    const { segment_type, tenant_id, workflow, model, prompt_version } = seg.key;
    const where = { segment_type, segment: seg.label, tenant_id, workflow, model, prompt_version };
    for (const p of plan) {
      if (skipped.some((s) => s.metric === p.metric)) continue;
      const test = getDriftTest(p.test);
      const agg = aggregateFor(seg, test, p.metric);
      const bands = bandsFor(test, p.metric, cfg);
      const [nCur, nRef] = agg ? sizes(agg) : [0, 0];
      const row = { ...where, metric: p.metric, test: test.name, n_current: nCur, n_reference: nRef, threshold: bands.low, bands };
      if (!agg || Math.min(nCur, nRef) < cfg.min_sample_size) {
        pending.push({ ...row, statistic: null, p_value: null, p_adjusted: null, effect: null, severity: 'insufficient_data', details: {} });
        continue;
      }
      const options = (cfg.tests as Record<string, unknown>)[test.name] ?? test.options.parse({});
      const out = test.compute(agg as never, options as never);
      pending.push({ ...row, statistic: out.statistic, p_value: out.pValue, p_adjusted: null, effect: out.effect, severity: 'none', details: { ...context(agg), ...effectiveSizes(agg, [nCur, nRef]), ...out.details } });
      if (agg.kind === 'rate') daily.push(...dailyRows(agg, where, test.name, bands, cfg, (options as { sigma?: number }).sigma ?? 3));
    }
  }

  const adjusted = benjaminiHochberg(pending.map((r) => (r.severity === 'insufficient_data' ? null : r.p_value)));
  const adjustedOf = new Map(pending.map((r, i) => [`${r.segment_type}|${r.segment}|${r.metric}|${r.test}`, adjusted[i]]));
  /** An effect-only test's companion significance test on the same segment and metric (null: none ran). */
  const corroborating = (r: DriftResultRow): number | null => {
    const by = getDriftTest(r.test).corroboratedBy;
    const companion = by?.[r.metric === 'category' ? 'categorical' : 'numeric'];
    return companion ? (adjustedOf.get(`${r.segment_type}|${r.segment}|${r.metric}|${companion}`) ?? null) : null;
  };
  const results = pending.map(({ bands, ...r }, i) => {
    if (r.severity === 'insufficient_data') {
      return { ...r, details: { rule: grade({ effect: 0, pAdjusted: null, n: 0, bands, fdr: cfg.fdr, minSampleSize: cfg.min_sample_size, largeSampleSize: cfg.large_sample_size }).rule } };
    }
    const g = grade({
      effect: r.effect ?? 0, pAdjusted: adjusted[i], n: Math.min(r.n_current, r.n_reference), bands,
      fdr: cfg.fdr, minSampleSize: cfg.min_sample_size, largeSampleSize: cfg.large_sample_size,
      corroboratingPAdjusted: r.p_value === null ? corroborating(r) : null,
    });
    return { ...r, p_adjusted: adjusted[i], severity: g.severity, details: { ...r.details, rule: g.rule, bands } };
  });
  results.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.effect ?? 0) - (a.effect ?? 0));
  return { windows, results, daily, skipped, costSource };
}

/** Each day of both windows on the p-chart of the reference rate; days of the current window are graded. */
function dailyRows(
  a: Extract<DriftAggregate, { kind: 'rate' }>,
  where: Pick<DriftDailyRow, 'segment_type' | 'segment' | 'tenant_id' | 'workflow' | 'model' | 'prompt_version'>,
  test: string,
  bands: SeverityBands,
  cfg: DriftConfig,
  /** The p-chart's limits, centre ± sigma·σ: the test's own (unknown_rate_spike's sigma option), else 3. */
  sigma: number,
): DriftDailyRow[] {
  const centre = a.ref.n > 0 ? a.ref.x / a.ref.n : 0;
  const chart = pChart(centre, a.days.map((d) => ({ day: d.day, n: d.n, count: d.x })), sigma, a.ref.n);
  return chart.map((d, i) => {
    const period = a.days[i].window;
    let severity: Severity = 'none';
    if (d.n < cfg.daily_min_requests) severity = 'insufficient_data';
    else if (period === 'current' && d.above) {
      const e = d.rate - centre;
      severity = e >= bands.high ? 'high' : e >= bands.medium ? 'medium' : e >= bands.low ? 'low' : 'none';
    }
    return { ...where, day: d.day, period, metric: a.metric, test, requests: d.n, count: d.count, rate: d.rate, centre, lcl: d.lcl, ucl: d.ucl, z: d.z, severity };
  });
}

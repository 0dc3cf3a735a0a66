import { sqlFile } from '../../data/sql.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import type { CategoricalAggregate, NumericAggregate, NumericSummary, RateAggregate } from './defineDriftTest.ts';
import { RATE_METRICS } from './defaults.ts';
import { segmentLabel, type SegmentKey } from './segments.ts';

export interface DriftWindows {
  current: { start: string; end: string };
  reference: { start: string; end: string };
}

export interface SegmentAggregates {
  key: SegmentKey;
  label: string;
  rates: Map<string, RateAggregate>;
  categorical: Map<string, CategoricalAggregate>;
  numeric: Map<string, NumericAggregate>;
}

export interface AggregateSettings {
  unknownCategories: readonly (string | null)[];
  lowConfidenceThreshold: number;
  /** The PSI's reference quantile bins for numeric metrics, whose cuts are read exactly (drift.tests.psi.bins). */
  psiBins: number;
}

/** Label NULL categories get in category-mix results. */
export const NULL_CATEGORY = '(null)';

type KeyRow = SegmentKey & Record<string, unknown>;

interface PsiCutRow extends KeyRow {
  metric: string;
  j: number;
  q: number;
  c_cur: number;
  c_ref: number;
}

/** A window's records (n, x of them counted) and their weights 1/sample_rate: Σw, Σw² and the counted ones' Σw. */
export interface Weighed {
  n: number;
  x: number;
  w: number;
  w2: number;
  xw: number;
}

const weighed = (): Weighed => ({ n: 0, x: 0, w: 0, w2: 0, xw: 0 });
function add(to: Weighed, s: Weighed): void {
  to.n += s.n;
  to.x += s.x;
  to.w += s.w;
  to.w2 += s.w2;
  to.xw += s.xw;
}

/** Every record kept at the same rate: (Σw)² = n·Σw² (Cauchy–Schwarz holds with equality only then). */
const isUniform = (s: Weighed) => s.n === 0 || Math.abs(s.w * s.w - s.n * s.w2) <= 1e-9 * s.w * s.w;

/**
 * The counts a test reads: the records themselves when all were kept at the same rate (uniform sampling changes
 * no rate), else Kish's effective sample size n_eff = (Σw)²/Σw² with x = n_eff · Σw_x/Σw, the rate of the traffic.
 * A segment whose tenants were sampled at different rates (a small tenant kept whole, a large one at 10%, or
 * ingest's min_per_stratum) is measured on the traffic's mix, not the sample's, with the precision its sample has:
 * otherwise a change of one tenant's sampling rate moves the workflow's rates with no change in any tenant.
 */
export function effectiveCounts(s: Weighed): { n: number; x: number } {
  if (isUniform(s)) return { n: s.n, x: s.x };
  const ratio = s.w / s.w2;
  return { n: s.w * ratio, x: s.xw * ratio };
}

/**
 * The numeric histograms (data/queries/drift/numeric_histograms.sql) from the fine grid and its refined bins, and
 * the PSI's cuts (numeric_psi_cuts.sql): numeric_fine.sql counts every value per fine bin, numeric_psi_ranks.sql
 * places the PSI cuts, numeric_candidates.sql picks the bins whose values must be read one by one for an exact
 * KS D, exact quantiles and exact cuts, numeric_refine.sql reads them (the per-request cost only when a cost bin
 * is among them: it is a join with the priced records). The temp tables are dropped after.
 */
async function numericHistograms<T>(wh: Warehouse, win: Record<string, string>, psiBins: number): Promise<{ rows: T[]; cuts: PsiCutRow[] }> {
  const values = sqlFile('queries/drift/numeric_values');
  try {
    await wh.run(sqlFile('queries/drift/numeric_fine').replace('/*values*/', values), win);
    await wh.run(sqlFile('queries/drift/numeric_psi_ranks'), { bins: psiBins });
    await wh.run(sqlFile('queries/drift/numeric_candidates'));
    const need = await wh.one<{ n: number; cost: boolean }>(
      "SELECT count(*) AS n, coalesce(bool_or(metric = 'cost_usd'), false) AS cost FROM drift_numeric_candidates",
    );
    let refineValues = need?.cost ? values : values.replace('/*cost*/ drift_record_cost', '(SELECT CAST(NULL AS VARCHAR) AS id, CAST(NULL AS DOUBLE) AS cost_usd LIMIT 0)');
    if (!need?.n) refineValues = `SELECT * FROM (${refineValues}) LIMIT 0`;
    await wh.run(sqlFile('queries/drift/numeric_refine').replace('/*values*/', refineValues), win);
    await wh.run(sqlFile('queries/drift/numeric_refined'));
    return {
      rows: await wh.all<T>(sqlFile('queries/drift/numeric_histograms')),
      cuts: await wh.all<PsiCutRow>(sqlFile('queries/drift/numeric_psi_cuts')),
    };
  } finally {
    await wh.run(`DROP TABLE IF EXISTS drift_numeric_refined; DROP TABLE IF EXISTS drift_numeric_within; DROP TABLE IF EXISTS drift_numeric_candidates;
      DROP TABLE IF EXISTS drift_psi_ranks; DROP TABLE IF EXISTS drift_numeric_fine`);
  }
}

/**
 * Runs the three shared aggregates (data/queries/drift/*.sql) over both windows for every segment at
 * once and shapes them into the small arrays the drift tests read. Nothing here sees a single record.
 */
export async function loadAggregates(wh: Warehouse, w: DriftWindows, s: AggregateSettings): Promise<Map<string, SegmentAggregates>> {
  const win = { cur_start: w.current.start, cur_end: w.current.end, ref_start: w.reference.start, ref_end: w.reference.end };
  const segments = new Map<string, SegmentAggregates>();
  const seg = (row: KeyRow) => {
    const key: SegmentKey = {
      segment_type: row.segment_type, tenant_id: row.tenant_id, workflow: row.workflow, model: row.model, prompt_version: row.prompt_version,
    };
    const id = `${key.segment_type}:${segmentLabel(key)}`;
    let a = segments.get(id);
    if (!a) segments.set(id, (a = { key, label: segmentLabel(key), rates: new Map(), categorical: new Map(), numeric: new Map() }));
    return a;
  };

  const rateRows = await wh.all<KeyRow & { day: string }>(sqlFile('queries/drift/rate_counts'), {
    ...win,
    unknown: s.unknownCategories.filter((c): c is string => c !== null),
    unknown_null: s.unknownCategories.includes(null),
    low_confidence: s.lowConfidenceThreshold,
  });
  rateRows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const rateSums = new Map<RateAggregate, Record<'cur' | 'ref', Weighed>>();
  for (const row of rateRows) {
    const a = seg(row);
    const period = row.day >= w.current.start && row.day < w.current.end ? 'current' : 'reference';
    for (const r of RATE_METRICS) {
      let agg = a.rates.get(r.metric);
      if (!agg) {
        a.rates.set(r.metric, (agg = { kind: 'rate', metric: r.metric, cur: { n: 0, x: 0 }, ref: { n: 0, x: 0 }, days: [], records: { cur: 0, ref: 0 } }));
        rateSums.set(agg, { cur: weighed(), ref: weighed() });
      }
      const day: Weighed = { n: Number(row[r.total]), x: Number(row[r.count]), w: Number(row[r.totalW]), w2: Number(row[r.totalW2]), xw: Number(row[r.countW]) };
      add(rateSums.get(agg)![period === 'current' ? 'cur' : 'ref'], day);
      // the p-chart's binomial limits need whole counts: a day's effective sample, rounded (exact when its rates agree)
      const e = effectiveCounts(day);
      agg.days.push({ day: row.day, window: period, n: Math.round(e.n), x: Math.round(e.x) });
    }
  }
  for (const [agg, sums] of rateSums) {
    agg.cur = effectiveCounts(sums.cur);
    agg.ref = effectiveCounts(sums.ref);
    agg.records = { cur: sums.cur.n, ref: sums.ref.n };
  }

  const catRows = await wh.all<KeyRow & { win: string; category: string | null; n: number; w: number; w2: number }>(sqlFile('queries/drift/category_counts'), win);
  const catSums = new Map<CategoricalAggregate, Record<'cur' | 'ref', { n: number[]; w: number[]; w2: number }>>();
  for (const row of catRows) {
    const a = seg(row);
    let agg = a.categorical.get('category');
    if (!agg) {
      a.categorical.set('category', (agg = { kind: 'categorical', metric: 'category', categories: [], cur: [], ref: [], records: { cur: 0, ref: 0 } }));
      catSums.set(agg, { cur: { n: [], w: [], w2: 0 }, ref: { n: [], w: [], w2: 0 } });
    }
    const sums = catSums.get(agg)!;
    const name = row.category ?? NULL_CATEGORY;
    let i = agg.categories.indexOf(name);
    if (i < 0) {
      i = agg.categories.push(name) - 1;
      for (const side of [sums.cur, sums.ref]) {
        side.n.push(0);
        side.w.push(0);
      }
    }
    const side = sums[row.win === 'current' ? 'cur' : 'ref'];
    side.n[i] += Number(row.n);
    side.w[i] += Number(row.w);
    side.w2 += Number(row.w2);
  }
  for (const [agg, sums] of catSums) {
    const total = (v: number[]) => v.reduce((t, x) => t + x, 0);
    const counts = (side: { n: number[]; w: number[]; w2: number }) => {
      const all: Weighed = { n: total(side.n), x: 0, w: total(side.w), w2: side.w2, xw: 0 };
      if (isUniform(all)) return side.n;
      const nEff = effectiveCounts(all).n;
      return side.w.map((wk) => (nEff * wk) / all.w);
    };
    agg.cur = counts(sums.cur);
    agg.ref = counts(sums.ref);
    agg.records = { cur: total(sums.cur.n), ref: total(sums.ref.n) };
  }

  type Window = 'cur' | 'ref';
  type Quantile = 'p50' | 'p95' | 'p99';
  type HistRow = KeyRow & { metric: string; ks_d: number; w1: number }
    & Record<`n_${Window}`, number> & Record<`${'sum' | 'sum2'}_${Window}` | `${Quantile}_${Window}_${'lo' | 'hi'}`, number | null>;
  const QUANTILES: [Quantile, number][] = [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]];
  const numeric = await numericHistograms<HistRow>(wh, win, s.psiBins);
  const cutsOf = new Map<string, PsiCutRow[]>();
  for (const c of numeric.cuts) {
    const id = `${c.segment_type}:${segmentLabel(c)}|${c.metric}`;
    const list = cutsOf.get(id);
    if (list) list.push(c);
    else cutsOf.set(id, [c]);
  }
  for (const row of numeric.rows) {
    const summary = (w: Window): NumericSummary => {
      const n = Number(row[`n_${w}`]);
      const sum = row[`sum_${w}`] ?? 0;
      const sum2 = row[`sum2_${w}`] ?? 0;
      const std = n > 0 ? Math.sqrt(Math.max(0, (sum2 - (sum * sum) / n) / n)) : 0;
      // quantile_cont (numpy's 'linear'): between the order statistics ⌊(n − 1)q⌋ and the next, which the SQL found
      const [p50, p95, p99] = QUANTILES.map(([name, q]) => {
        const [lo, hi] = [row[`${name}_${w}_lo`], row[`${name}_${w}_hi`]];
        const h = (n - 1) * q;
        return lo === null || hi === null ? null : lo + (h - Math.floor(h)) * (hi - lo);
      });
      return { n, mean: n > 0 ? sum / n : 0, std, p50, p95, p99 };
    };
    const cuts = cutsOf.get(`${row.segment_type}:${segmentLabel(row)}|${row.metric}`) ?? [];
    seg(row).numeric.set(row.metric, {
      kind: 'numeric', metric: row.metric, ecdf: { maxGap: row.ks_d, area: row.w1 },
      summary: { cur: summary('cur'), ref: summary('ref') },
      psiCuts: { bins: s.psiBins, q: cuts.map((c) => c.q), cur: cuts.map((c) => Number(c.c_cur)), ref: cuts.map((c) => Number(c.c_ref)) },
    });
  }
  return segments;
}

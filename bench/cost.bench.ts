import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../data/warehouse.ts';
import { parseConfig } from '../jobs/config.ts';
import { runJob } from '../jobs/runJob.ts';
import { generateRecords } from '../test/evaluators/drift/generateRecords.ts';
import { time, writeReport, WORK_DIR, type Measurement } from './lib.ts';

/**
 * The cost views over 10,000,000 generated records (35 days, 30 tenants × 6 workflows, 8 real model ids:
 * dated OpenAI / Anthropic snapshots, a tiered Gemini, DeepSeek's time-of-day prices, one unpriced
 * fine-tune that one tenant has its own price for; two tenants with negotiated terms; budgets). Each view is materialised and compared with the
 * same figures written as one hand-written query over the same price tables, in the same run.
 */
const N = Number(process.env.COST_BENCH_N ?? 10_000_000);
const path = join(WORK_DIR, 'cost.duckdb');
rmSync(path, { force: true });
rmSync(`${path}.wal`, { force: true });
const wh = await Warehouse.open(path);
// six workflows × two adjacent models each use the first seven
const MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'claude-sonnet-4-20250514', 'acme-invoice-ft-v2', 'gemini-2.0-flash', 'gemini-2.5-pro', 'deepseek-chat'];

const gen = await time('generate records', () =>
  generateRecords(wh, { n: N, start: '2026-10-01', days: 35, seed: 3, tenants: 30, workflows: 6, modelIds: MODELS, promptVersions: 4 }),
);
await wh.run('UPDATE records SET cached_input_tokens = input_tokens // 4 WHERE starts_with(model, \'gpt-\') AND hash(id) % 2 = 0');
await wh.checkpoint();
const config = parseConfig({
  cost: {
    tenants: { t1: { discount: 0.15 }, t2: { models: { 'acme-invoice-ft-v2': { input_mtok: 0.3, output_mtok: 1.2 }, 'gpt-4o': { discount: 0.25 } } } },
    budgets: { tenants: { t0: 500, t1: 500, t2: 500, t3: 500, t4: 500 }, workflows: { wf0: 2000, wf1: 2000 } },
  },
}, '(bench)');
const job = await time('cost job: resolve prices, store budgets, the week summary', () => runJob('cost', {}, { wh, config }));

/** Per-record pricing written directly: the joins and the cost expression a hand-written query needs. */
const PRICED = `WITH priced AS (
  SELECT r.*, CAST(date_trunc('week', make_timestamp(epoch_us(r.ts))) AS DATE) AS ws, CAST(make_timestamp(epoch_us(r.ts)) AS DATE) AS d,
    (greatest(r.input_tokens - r.cached_input_tokens, 0) * coalesce(t.input_mtok, m.input_mtok * (1 - coalesce(t.discount, 0)))
      + r.cached_input_tokens * coalesce(t.cached_input_mtok, m.cached_input_mtok * (1 - coalesce(t.discount, 0)))
      + r.output_tokens * coalesce(t.output_mtok, m.output_mtok * (1 - coalesce(t.discount, 0)))) / 1e6
      + coalesce(t.request_usd, m.request_usd * (1 - coalesce(t.discount, 0))) AS cost
  FROM records r
  LEFT JOIN model_prices m ON m.model = r.model AND r.ts >= m.effective_from AND r.ts < m.effective_to
   AND epoch_us(r.ts) % 86400000000 >= m.time_from_us AND epoch_us(r.ts) % 86400000000 < m.time_to_us
   AND r.input_tokens >= m.input_tokens_from AND r.input_tokens < m.input_tokens_to
  LEFT JOIN tenant_model_prices t ON t.tenant_id = r.tenant_id AND t.model = r.model AND r.ts >= t.effective_from AND r.ts < t.effective_to
)`;

const measures = `count(*) AS requests, sum(1.0 / sample_rate) AS est_requests, count(*) FILTER (WHERE cost IS NULL) AS unpriced_requests,
  sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens, sum(output_tokens) AS output_tokens,
  sum(cost) AS cost_usd, sum(cost / sample_rate) AS est_cost_usd`;

/** view → [hand-written query, the column whose sum both must agree on]. */
const CASES: Record<string, [string, string]> = {
  cost_by_day: [`${PRICED} SELECT d AS day, tenant_id, workflow, model, prompt_version, ${measures} FROM priced GROUP BY ALL`, 'est_cost_usd'],
  cost_by_tenant_week: [`${PRICED} SELECT ws AS week_start, tenant_id, ${measures} FROM priced GROUP BY ALL`, 'est_cost_usd'],
  cost_by_workflow_week: [`${PRICED} SELECT ws AS week_start, workflow, ${measures} FROM priced GROUP BY ALL`, 'est_cost_usd'],
  cost_by_model_week: [`${PRICED} SELECT ws AS week_start, model, ${measures} FROM priced GROUP BY ALL`, 'est_cost_usd'],
  cost_per_successful_request: [
    `${PRICED} SELECT ws AS week_start, tenant_id, workflow, count(*) AS requests, sum(cost / sample_rate) AS est_cost_usd,
       sum(cost / sample_rate) / sum(1.0 / sample_rate) FILTER (WHERE cost IS NOT NULL AND status = 'ok' AND NOT human_override) AS est_cost_per_successful_request
     FROM priced GROUP BY ALL`,
    'est_cost_usd',
  ],
  cost_waste_week: [
    `${PRICED} SELECT ws AS week_start, tenant_id, workflow, sum(cost / sample_rate) AS est_cost_usd,
       coalesce(sum(cost / sample_rate) FILTER (WHERE fallback), 0) AS est_fallback_cost_usd,
       coalesce(sum(cost / sample_rate) FILTER (WHERE status IN ('error', 'timeout')), 0) AS est_failed_cost_usd,
       coalesce(sum(cost / sample_rate) FILTER (WHERE human_override), 0) AS est_overridden_cost_usd
     FROM priced GROUP BY ALL`,
    'est_fallback_cost_usd',
  ],
  unpriced_models: [`${PRICED} SELECT ws AS week_start, model, count(*) AS requests, count(DISTINCT tenant_id) AS tenants FROM priced WHERE cost IS NULL GROUP BY ALL`, 'requests'],
  budget_burn_daily: [
    `${PRICED} SELECT b.scope, b.scope_id, p.d AS day, sum(p.cost / p.sample_rate) AS day_est_cost_usd
     FROM priced p JOIN cost_budgets b ON (b.scope = 'tenant' AND p.tenant_id = b.scope_id) OR (b.scope = 'workflow' AND p.workflow = b.scope_id)
     GROUP BY ALL`,
    'day_est_cost_usd',
  ],
  cost_change_week: [
    `${PRICED} SELECT ws AS week_start, tenant_id, workflow, model, sum(1.0 / sample_rate) AS requests,
       sum(greatest(input_tokens - cached_input_tokens, 0) / sample_rate) AS input_tokens, sum(cached_input_tokens / sample_rate) AS cached_input_tokens,
       sum(output_tokens / sample_rate) AS output_tokens, sum(cost / sample_rate) AS est_cost_usd
     FROM priced WHERE cost IS NOT NULL GROUP BY ALL`,
    'est_cost_usd',
  ],
  record_costs: [
    `${PRICED} SELECT id, ts, d AS day, strftime(ws, '%G-W%V') AS week, ws AS week_start, tenant_id, workflow, model, prompt_version, status, fallback,
       human_override, sample_rate, input_tokens, cached_input_tokens, output_tokens, cost IS NOT NULL AS priced, cost AS cost_usd, cost / sample_rate AS est_cost_usd
     FROM priced`,
    'est_cost_usd',
  ],
};

const measurements: Measurement[] = [gen, job];
const ratios: Record<string, number> = {};
const checks: Record<string, [number, number]> = {};
const REPS = Number(process.env.COST_BENCH_REPS ?? 5);

/**
 * Runs the view and its hand-written twin alternately REPS times each (so load from other processes on the
 * machine hits both alike), each materialised and dropped again; keeps the fastest run of each.
 */
const pair = async (view: string, viewSql: string, handSql: string): Promise<[Measurement, Measurement]> => {
  const runs: [Measurement[], Measurement[]] = [[], []];
  for (let i = 0; i < REPS; i++) {
    for (const [k, label, sql] of [[0, `view ${view}`, viewSql], [1, `hand-written ${view}`, handSql]] as const) {
      await wh.run('DROP TABLE IF EXISTS bench_out');
      runs[k].push(await time(label, () => wh.run(`CREATE TEMP TABLE bench_out AS ${sql}`)));
    }
  }
  const fastest = (list: Measurement[]) => list.reduce((a, b) => (a.ms <= b.ms ? a : b));
  return [fastest(runs[0]), fastest(runs[1])];
};
const best = async (label: string, sql: string) => {
  const runs: Measurement[] = [];
  for (let i = 0; i < REPS; i++) {
    await wh.run('DROP TABLE IF EXISTS bench_out');
    runs.push(await time(label, () => wh.run(`CREATE TEMP TABLE bench_out AS ${sql}`)));
  }
  return runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
};
const total = async (column: string) => (await wh.one<{ s: number }>(`SELECT sum(${column}) AS s FROM bench_out`))!.s;

for (const [view, [hand, column]] of Object.entries(CASES)) {
  // record_costs: the contract's per-record columns (its other columns are there for analysts; SELECT * is measured below)
  const viewSql = view === 'record_costs'
    ? 'SELECT id, ts, day, week, week_start, tenant_id, workflow, model, prompt_version, status, fallback, human_override, sample_rate, input_tokens, cached_input_tokens, output_tokens, priced, cost_usd, est_cost_usd FROM record_costs'
    : `SELECT * FROM ${view}`;
  const [v, h] = await pair(view, viewSql, hand);
  await wh.run(`DROP TABLE IF EXISTS bench_out; CREATE TEMP TABLE bench_out AS ${viewSql}`);
  const viewTotal = await total(column);
  await wh.run(`DROP TABLE IF EXISTS bench_out; CREATE TEMP TABLE bench_out AS ${hand}`);
  let handTotal = await total(column);
  if (view === 'cost_change_week') {
    // the view sums each week's cost once per scope type (tenant and workflow) and only weeks that have a week before
    handTotal = (await wh.one<{ s: number }>(`SELECT 2 * sum(est_cost_usd) AS s FROM bench_out WHERE week_start - 7 IN (SELECT DISTINCT week_start FROM bench_out)`))!.s;
  }
  measurements.push(v, h);
  ratios[`${view}_vs_hand_written`] = v.ms / h.ms;
  checks[view] = [viewTotal, handTotal];
  if (Math.abs(viewTotal - handTotal) > 1e-6 * Math.max(1, Math.abs(handTotal))) throw new Error(`${view}: view total ${viewTotal} ≠ hand-written ${handTotal}`);
  console.log(`cost: ${view}: ${(v.ms / 1000).toFixed(2)} s vs ${(h.ms / 1000).toFixed(2)} s hand-written (${(v.ms / h.ms).toFixed(2)}×)`);
}
const everything = await best('view record_costs, SELECT * (all 32 columns)', 'SELECT * FROM record_costs');
measurements.push(everything);
await wh.run('DROP TABLE IF EXISTS bench_out');
const tenantWeek = measurements.find((m) => m.label === 'view cost_by_tenant_week')!;
const floor = await best('floor: records by tenant and week, no pricing', `SELECT CAST(date_trunc('week', make_timestamp(epoch_us(ts))) AS DATE) AS w, tenant_id, count(*), sum(input_tokens), sum(output_tokens) FROM records GROUP BY ALL`);
// what the usual date_trunc on TIMESTAMP WITH TIME ZONE (a time-zone conversion per row) would cost instead
const zoned = await best('hand-written cost_by_tenant_week with date_trunc on TIMESTAMPTZ', CASES.cost_by_tenant_week[0].replace("CAST(date_trunc('week', make_timestamp(epoch_us(r.ts))) AS DATE) AS ws", "CAST(date_trunc('week', r.ts) AS DATE) AS ws"));
measurements.push(floor, zoned);
ratios.cost_by_tenant_week_vs_unpriced_floor = tenantWeek.ms / floor.ms;
ratios.cost_by_tenant_week_vs_hand_written_zoned_date_trunc = tenantWeek.ms / zoned.ms;
wh.close();

writeReport({
  bench: 'cost',
  ratios,
  measurements,
  extra: { records: N, models: MODELS, totals_view_vs_hand_written: checks },
  notes: [
    'each view and its hand-written twin run alternately COST_BENCH_REPS (5) times each (CREATE TEMP TABLE AS, dropped between runs), the fastest of each kept; record_costs (10M rows out) last',
    'other benchmarks may share the 2-core machine: alternating runs let such load hit both sides alike',
    'hand-written = one query joining records to model_prices / tenant_model_prices with the cost expression inline and the view\'s aggregate',
    'budget_burn_daily and cost_change_week: the hand-written twin is the pass over all records (daily cost per budget scope; week × tenant × workflow × model cells); the forecast and the Shapley split then run on those small tables',
    'days and weeks come from epoch_us arithmetic in both (the views use the utc_day / utc_week_start macros); the _zoned_date_trunc ratio shows what date_trunc on TIMESTAMPTZ would cost',
    'floor = the same tenant × week aggregate without pricing',
  ],
});

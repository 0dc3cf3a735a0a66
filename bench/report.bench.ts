import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../data/warehouse.ts';
import { parseConfig } from '../jobs/config.ts';
import { runJob } from '../jobs/runJob.ts';
import { buildReport } from '../reports/build.ts';
import { parseIsoWeek } from '../reports/isoWeek.ts';
import type { ReportJson } from '../reports/reportJson.ts';
import { generateRecords } from '../test/evaluators/drift/generateRecords.ts';
import { time, writeReport, WORK_DIR, type Measurement } from './lib.ts';

/**
 * The weekly report for a week of 10,000,000 records (30 tenants × 6 workflows, 8 real model ids, 4 prompt
 * versions), with 4 weeks of history before it (REPORT_BENCH_HISTORY records) for week-over-week changes, drift and
 * trends, after the cost and drift jobs ran. The baseline is the report's SQL alone: every dataset query it ran,
 * replayed from report.json with the same parameters; the ratio is the rendering overhead (sections, verdict,
 * Vega-Lite → SVG, HTML, JSON, index).
 */
const N = Number(process.env.REPORT_BENCH_N ?? 10_000_000);
const HISTORY = Number(process.env.REPORT_BENCH_HISTORY ?? 4_000_000);
const WEEK = parseIsoWeek('2026-W46');
/** Rounds of build and SQL replay, alternated so a busy machine slows both alike; the medians are reported. */
const ROUNDS = Number(process.env.REPORT_BENCH_ROUNDS ?? 3);
/** REPORT_BENCH_REUSE=1 keeps a warehouse an earlier run generated (same N and history) and only measures. */
const REUSE = process.env.REPORT_BENCH_REUSE === '1';
const path = join(WORK_DIR, 'report.duckdb');
const out = join(WORK_DIR, 'reports');
const reuse = REUSE && existsSync(path);
if (!reuse) {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
rmSync(out, { recursive: true, force: true });
const wh = await Warehouse.open(path);
const config = parseConfig({ cost: { budgets: { tenants: { t1: 2000, t3: 500 }, workflows: { wf2: 3000 } } } }, '(bench)');
const log = (m: string) => process.stderr.write(`${m}\n`);
const MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022', 'gemini-2.0-flash', 'gpt-4.1-mini', 'o3-mini', 'in-house-ft-v1'];

const gen = await time(reuse ? 'generate records (reused)' : 'generate records', async () => {
  if (reuse) return;
  const shape = { tenants: 30, workflows: 6, models: 8, promptVersions: 4 };
  await generateRecords(wh, { n: HISTORY, start: '2026-10-12', days: 28, seed: 1, ...shape });
  await generateRecords(wh, { n: N, start: WEEK.start, days: 7, seed: 2, ...shape, spike: { tenant: 't3', workflow: 'wf2', fromDay: 3, rate: 0.2 } });
  // Real model ids, so the cost job prices them (one stays unpriced, as a team's fine-tune would).
  await wh.run(`UPDATE records SET model = ($models)[CAST(substr(model, 2) AS INTEGER) + 1]`, { models: MODELS });
  await wh.checkpoint();
});
const jobs = await time(reuse ? 'cost and drift jobs (reused)' : 'cost and drift jobs', async () => {
  if (reuse) return;
  await runJob('cost', { week: WEEK.week }, { wh, config, progress: log });
  await runJob('drift', { end: WEEK.end }, { wh, config, progress: log });
  await wh.checkpoint();
});

/** Runs every dataset query of a report as it ran (the SQL report.json records). */
async function replaySql(file: string): Promise<number> {
  const report = JSON.parse(readFileSync(file, 'utf8')) as ReportJson;
  const queries = new Set(Object.values(report.datasets).map((d) => d.sql));
  for (const sql of queries) await wh.all(sql);
  return queries.size;
}

const build = (tenant: string | null) => buildReport(wh, { week: WEEK, tenant, out, config: config.report, version: 'bench' });
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median over ROUNDS of the report build and of its SQL replayed alone, alternated. */
async function measure(tenant: string | null, label: string): Promise<{ build: Measurement; sql: Measurement; result: Awaited<ReturnType<typeof build>>; queries: number }> {
  let result = await build(tenant); // warm-up: file cache, vega import
  let queries = 0;
  const builds: Measurement[] = [];
  const sqls: Measurement[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    builds.push(await time(label, async () => { result = await build(tenant); }));
    sqls.push(await time(`${label}: its SQL alone (every dataset query, replayed from report.json)`, async () => { queries = await replaySql(result.json); }));
  }
  const pick = (ms: Measurement[]) => ms.find((m) => m.ms === median(ms.map((x) => x.ms)))!;
  return { build: pick(builds), sql: pick(sqls), result, queries };
}

const all = await measure(null, 'build the all-tenant report (median)');
const one = await measure('t3', "build one tenant's report, t3 (median)");
const result = all.result;
const tenantResult = one.result;
const records = await wh.one<{ n: number }>(`SELECT count(*) AS n FROM records WHERE ts >= CAST($1 AS DATE) AND ts < CAST($2 AS DATE)`, [WEEK.start, WEEK.end]);
wh.close();

writeReport({
  bench: 'report',
  ratios: {
    report_build_vs_sql_alone: all.build.ms / all.sql.ms,
    tenant_report_build_vs_sql_alone: one.build.ms / one.sql.ms,
  },
  measurements: [gen, jobs, all.build, all.sql, one.build, one.sql],
  extra: {
    records_in_week: records?.n,
    records_total: N + HISTORY,
    dataset_queries: all.queries,
    rounds: ROUNDS,
    sql_ms_inside_build: Math.round(result.sqlMs),
    report_html_bytes: result.bytes.html,
    report_json_bytes: result.bytes.json,
    tenant_report_html_bytes: tenantResult.bytes.html,
    tenant_report_json_bytes: tenantResult.bytes.json,
    verdict: result.status,
    sections_missing: result.sections.filter((s) => s.status === 'missing').map((s) => s.name),
  },
  notes: [
    'baseline = the dataset queries of the same report replayed from its report.json; build and replay alternate for REPORT_BENCH_ROUNDS rounds after a warm-up build, medians reported',
    'history: REPORT_BENCH_HISTORY records over the 4 weeks before the report week (drift reference, week-over-week, trends)',
  ],
});

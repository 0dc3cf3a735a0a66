import autocannon from 'autocannon';
import Fastify from 'fastify';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../data/warehouse.ts';
import { parseConfig } from '../jobs/config.ts';
import { runJob } from '../jobs/runJob.ts';
import { buildServer } from '../server/app.ts';
import { time, writeReport, WORK_DIR, type Measurement } from './lib.ts';

/**
 * The HTTP API under load (autocannon, 10 connections, DURATION s per route) over the demo warehouse, each
 * against the same work done without HTTP in the same run: the route's SQL run back to back on a reading
 * connection, and for the server's own overhead a bare fastify route answering a constant.
 */
const DURATION = Number(process.env.SERVER_BENCH_SECONDS ?? 5);
const dir = join(WORK_DIR, 'server');
rmSync(dir, { recursive: true, force: true });
const config = parseConfig({}, '(bench)');
const path = join(dir, 'assay.duckdb');
const wh = await Warehouse.open(path);
const measurements: Measurement[] = [];
measurements.push(await time('demo warehouse (assay demo)', () => runJob('demo', { out: dir }, { wh, config, baseDir: dir })));
const week = (await wh.one<{ week: string }>(`SELECT json_extract_string(params, '$.week') AS week FROM job_runs WHERE job = 'report' ORDER BY started_at DESC LIMIT 1`))!.week;
// the server opens the file itself (read-only between jobs): no other instance of it in this process meanwhile
wh.close();

async function load(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  const r = await autocannon({ url, connections: 10, duration: DURATION });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** Queries per second of `sql` run back to back for DURATION seconds on its own (read-only) instance. */
async function sqlRate(sql: string): Promise<number> {
  const reader = await Warehouse.open(path, { readOnly: true });
  try {
    let n = 0;
    const end = performance.now() + DURATION * 1000;
    while (performance.now() < end) {
      await reader.all(sql);
      n++;
    }
    return n / DURATION;
  } finally {
    reader.close();
  }
}

const server = await buildServer({ warehousePath: path, config, baseDir: dir, reportsDir: join(dir, 'reports') });
const base = await server.app.listen({ host: '127.0.0.1', port: 0 });
const bare = Fastify();
bare.get('/health', async () => ({ status: 'ok' }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

const results: Record<string, unknown> = {};
const ratios: Record<string, number> = {};
const health = await load(`${base}/health`);
const runs = await load(`${base}/runs?limit=20`);
const report = await load(`${base}/reports/${week}/report.html`);
const floor = await load(`${bareUrl}/health`);
const healthSql = await sqlRate('SELECT count(*) AS n FROM records');
const runsSql = await sqlRate(`SELECT run_id, job, status, params, started_at, ended_at, counts, error_code, error_message FROM job_runs ORDER BY started_at DESC, run_id DESC LIMIT 20`);
Object.assign(results, { health, runs, report, bare_fastify: floor, health_sql_per_s: healthSql, runs_sql_per_s: runsSql });
ratios.health_rps_vs_its_sql_alone = health.rps / healthSql;
ratios.runs_rps_vs_its_sql_alone = runs.rps / runsSql;
ratios.health_rps_vs_bare_fastify = health.rps / floor.rps;
ratios.report_html_rps_vs_bare_fastify = report.rps / floor.rps;
for (const [k, v] of Object.entries({ health, runs, report, bare: floor })) console.log(`server bench: ${k}: ${v.rps.toFixed(0)} req/s, p99 ${v.p99} ms, errors ${v.errors}`);

await server.close();
await bare.close();
writeReport({
  bench: 'server',
  ratios,
  measurements,
  extra: { duration_s: DURATION, connections: 10, week, ...results },
  notes: [
    'req/s of each route under 10 connections against the same SQL run back to back without HTTP (one reading connection either way), and against a bare fastify route answering a constant',
  ],
});

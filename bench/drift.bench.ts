import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../data/warehouse.ts';
import { driftConfig } from '../evaluators/drift/config.ts';
import { runDrift } from '../evaluators/drift/runDrift.ts';
import { generateRecords } from '../test/evaluators/drift/generateRecords.ts';
import { time, writeReport, WORK_DIR } from './lib.ts';

/**
 * Every drift test on every segment over 10,000,000 generated records (35 days: 28 reference + 7 current),
 * 30 tenants × 6 workflows, 8 models, 4 prompt versions ≈ 220 segments. The floor is one DuckDB pass that
 * only counts records per segment and window.
 */
const N = Number(process.env.DRIFT_BENCH_N ?? 10_000_000);
const path = join(WORK_DIR, 'drift.duckdb');
rmSync(path, { force: true });
rmSync(`${path}.wal`, { force: true });
const wh = await Warehouse.open(path);
const windows = { cur_start: '2026-10-29', cur_end: '2026-11-05', ref_start: '2026-10-01', ref_end: '2026-10-29' };

const gen = await time('generate records', () =>
  generateRecords(wh, { n: N, start: '2026-10-01', days: 35, seed: 1, tenants: 30, workflows: 6, models: 8, promptVersions: 4, spike: { tenant: 't3', workflow: 'wf2', fromDay: 31, rate: 0.2 } }),
);
await wh.checkpoint();
let segments = 0;
const floor = await time('floor: per-segment counts (one pass)', async () => {
  const rows = await wh.all(
    `SELECT seg, count(*) FILTER (WHERE ts >= $cur_start) AS n_cur, count(*) FILTER (WHERE ts < $cur_start) AS n_ref
     FROM records, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
     WHERE (ts >= $cur_start AND ts < $cur_end) OR (ts >= $ref_start AND ts < $ref_end) GROUP BY seg`,
    windows,
  );
  segments = rows.length;
});
let results = 0;
let findings: string[] = [];
const drift = await time('all drift tests, all segments', async () => {
  const run = await runDrift(wh, driftConfig.parse({}), { window_days: 7, reference_days: 28, end: '2026-11-05' });
  results = run.results.length;
  findings = run.results.filter((r) => r.severity === 'high').map((r) => `${r.segment} ${r.test} ${r.metric}`);
});
wh.close();

writeReport({
  bench: 'drift',
  ratios: { drift_vs_segment_count_floor: drift.ms / floor.ms },
  measurements: [gen, floor, drift],
  extra: { records: N, segments, results, high_findings: findings },
  notes: ['cost drift skipped (no priced view in the generated warehouse)', 'floor = one pass counting records per segment and window'],
});

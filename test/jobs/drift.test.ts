import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../jobs/config.ts';
import { runJob } from '../../jobs/runJob.ts';
import { runCli } from '../helpers/cli.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';
import { generateRecords } from '../evaluators/drift/generateRecords.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  await generateRecords(t.wh, { n: 30_000, start: '2026-10-01', days: 35, seed: 7, tenants: 3, workflows: 2, spike: { tenant: 't2', workflow: 'wf1', fromDay: 32, rate: 0.3 } });
});
after(() => t.cleanup());

test('the drift job stores every result, and the views show the latest run, the p-chart and the heat map', async () => {
  const out = await runJob('drift', { end: '2026-11-05' }, { wh: t.wh, config: t.config });
  const latest = await t.wh.all<{ run_id: string; segment: string; severity: string; tenant_id: string; workflow: string }>(
    `SELECT run_id, segment, severity, tenant_id, workflow FROM drift_latest WHERE test = 'unknown_rate_spike' AND severity IN ('high', 'medium')`,
  );
  assert.ok(latest.every((r) => r.run_id === out.runId));
  assert.ok(latest.some((r) => r.segment === 'tenant_id=t2/workflow=wf1' && r.tenant_id === 't2' && r.workflow === 'wf1'));
  const run = await t.wh.one<{ window_start: string; reference_start: string; skipped: string }>('SELECT window_start, reference_start, skipped FROM drift_runs');
  assert.deepEqual([run?.window_start, run?.reference_start], ['2026-10-29', '2026-10-01']);
  assert.match(run!.skipped, /cost_usd/, 'the generated models m0, m1 have no price: no cost to compare');
  // The run keeps the options its tests ran with (the defaults here) and the band overrides (none).
  const settings = await t.wh.one<{ bins: number; sigma: number; thresholds: string }>(
    `SELECT test_options->'psi'->>'bins' AS bins, test_options->'unknown_rate_spike'->>'sigma' AS sigma, thresholds FROM drift_runs`);
  assert.deepEqual([Number(settings?.bins), Number(settings?.sigma), settings?.thresholds], [10, 3, '{}']);
  const chart = await t.wh.all<{ day: string; above_limit: boolean }>(
    `SELECT day, above_limit FROM unknown_rate_daily WHERE tenant_id = 't2' AND workflow = 'wf1' AND period = 'current' ORDER BY day`,
  );
  assert.deepEqual(chart.filter((d) => d.above_limit).map((d) => d.day), ['2026-11-02', '2026-11-03', '2026-11-04']);
  const heat = await t.wh.all<{ day: string; severity: string }>(
    `SELECT day, severity FROM drift_heatmap_daily WHERE tenant_id = 't2' AND workflow = 'wf1' ORDER BY day`,
  );
  assert.equal(heat.length, 7);
  assert.deepEqual(heat.filter((d) => d.severity === 'high').map((d) => d.day), ['2026-11-02', '2026-11-03', '2026-11-04']);
});

test('without --end, the window ends the day after the latest record (not today), and the output says which window was used', async () => {
  const out = await runJob<{ output: { windows: { current: { start: string; end: string } }; end_source: string } }>('drift', {}, { wh: t.wh, config: t.config });
  // the generated records run from 2026-10-01 to 2026-11-04: last week's data must not be "insufficient" everywhere
  assert.deepEqual(out.result.output.windows.current, { start: '2026-10-29', end: '2026-11-05' });
  assert.match(out.result.output.end_source, /day after the latest record \(2026-11-04\)/);
  const high = await t.wh.all(`SELECT segment FROM drift_latest WHERE run_id = $1 AND severity = 'high'`, [out.runId]);
  assert.ok(high.length > 0);
});

test('with prices for its models, the cost job makes the drift job measure per-request cost', async () => {
  const prices = join(t.dir, 'prices.csv');
  writeFileSync(prices, 'model,input_mtok,output_mtok\nm0,1,4\nm1,2,8\n');
  const config = parseConfig({ cost: { prices_file: prices } }, '(test)');
  await runJob('cost', {}, { wh: t.wh, config, baseDir: t.dir });
  await runJob('drift', { end: '2026-11-05' }, { wh: t.wh, config });
  const rows = await t.wh.all<{ n: number; min_n: number }>(
    `SELECT count(*) AS n, min(n_current) AS min_n FROM drift_latest WHERE metric = 'cost_usd' AND severity <> 'insufficient_data'`,
  );
  assert.ok(rows[0].n > 0);
  assert.ok(rows[0].min_n >= 100);
  const run = await t.wh.one<{ cost_source: string }>('SELECT cost_source FROM drift_runs ORDER BY created_at DESC LIMIT 1');
  assert.equal(run?.cost_source, 'record_costs');
});

test('assay drift prints findings by severity and --fail-on high exits 4; --json carries the same findings', async () => {
  t.wh.close();
  const cfg = join(t.dir, 'assay.config.json');
  writeFileSync(cfg, JSON.stringify({ warehouse: { path: t.path } }));
  const text = await runCli(['drift', '--window', '7d', '--end', '2026-11-05', '--fail-on', 'high', '-q'], { cwd: t.dir });
  assert.equal(text.code, 4, text.stderr);
  const first = text.stdout.split('\n')[2];
  assert.match(text.stdout, /^window 2026-10-29 … 2026-11-04 vs reference 2026-10-01 … 2026-10-28 \(end: given by --end\)$/m);
  assert.match(first, /^high\s+tenant_id=t2\/workflow=wf1\s+unknown_rate\s+unknown_rate_spike/);
  assert.match(first, /since 2026-11-02/);
  const json = await runCli(['drift', '--end', '2026-11-05', '--json', '-q'], { cwd: t.dir });
  assert.equal(json.code, 0, json.stderr);
  const body = JSON.parse(json.stdout) as { findings: { severity: string; segment: string }[] };
  assert.equal(body.findings[0].severity, 'high');
  const bad = await runCli(['drift', '--window', 'week'], { cwd: t.dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--window expects a number of days/);
});

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { tempWarehouse } from '../../helpers/tempWarehouse.ts';

test('runs and jobs refuse what they cannot mean: a misspelt job, a --limit that is no number, a config that is not there', async () => {
  const t = await tempWarehouse();
  try {
    t.wh.close();
    const job = await runCli(['-w', t.path, 'runs', '--job', 'ingset']);
    assert.equal(job.code, 2);
    assert.match(job.stderr, /Unknown job 'ingset'\. Known jobs: .*ingest/);
    const limit = await runCli(['-w', t.path, 'runs', '--limit', 'abc']);
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--limit expects a whole number of runs .*'abc'/);
    const config = await runCli(['--config', join(t.dir, 'missing.json'), 'jobs']);
    assert.equal(config.code, 3);
    assert.match(config.stderr, /Config file not found: .*missing\.json/);
    const ok = await runCli(['-w', t.path, '--json', 'runs', '--limit', '5']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), []);
  } finally {
    t.cleanup();
  }
});

test('a job run from the CLI with bad parameters fails before any warehouse file is made (demo --weeks abc left one behind)', async () => {
  const t = await tempWarehouse();
  try {
    t.wh.close();
    const out = join(t.dir, 'demo-bad');
    const r = await runCli(['demo', '--out', out, '--weeks', 'abc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Invalid parameters for job 'demo':\s+weeks:/);
    assert.equal(existsSync(join(out, 'assay.duckdb')), false);
    const wh = join(t.dir, 'never.duckdb');
    const cost = await runCli(['-w', wh, 'cost', '--week', 'W46']);
    assert.equal(cost.code, 2, cost.stderr);
    assert.equal(existsSync(wh), false);
  } finally {
    t.cleanup();
  }
});

test('assay runs --json gives a run\'s counts as a JSON object, not a string of JSON', async () => {
  const t = await tempWarehouse();
  try {
    await t.wh.run(`INSERT INTO job_runs (run_id, job, params, started_at, ended_at, status, counts)
      VALUES ('ingest-1', 'ingest', '{}', TIMESTAMPTZ '2026-11-16 06:00:00+00', TIMESTAMPTZ '2026-11-16 06:00:03+00', 'succeeded', '{"read":10,"loaded":9}')`);
    t.wh.close();
    const r = await runCli(['-w', t.path, '--json', 'runs']);
    assert.equal(r.code, 0, r.stderr);
    const [run] = JSON.parse(r.stdout) as { run_id: string; counts: unknown }[];
    assert.deepEqual(run.counts, { read: 10, loaded: 9 });
    const table = await runCli(['-w', t.path, 'runs']);
    assert.match(table.stdout, /ingest-1\s+ingest\s+succeeded\s+2026-11-16T06:00:00\.000Z\s+2026-11-16T06:00:03\.000Z\s+\{"read":10,"loaded":9\}/);
  } finally {
    t.cleanup();
  }
});

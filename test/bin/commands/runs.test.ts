import assert from 'node:assert/strict';
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

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, parseConfig } from '../../jobs/config.ts';
import { runJob } from '../../jobs/runJob.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { tempDir, tempWarehouse } from '../helpers/tempWarehouse.ts';

test('no config file means defaults that run the demo', async () => {
  const dir = tempDir();
  const { config, file } = await loadConfig(undefined, dir);
  assert.equal(file, null);
  assert.equal(config.warehouse.path, 'data/assay.duckdb');
  assert.equal(config.ingest.sampling.rate, 1);
  assert.equal(config.ingest.redaction.mode, 'redact');
});

test('an unknown key is an error naming the file and the key path', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.json'), JSON.stringify({ ingest: { sampling: { rate: 0.05, strat: ['tenant_id'] } } }));
  await assert.rejects(loadConfig(undefined, dir), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ASSAY_ERR_CONFIG');
    assert.match(e.message, /assay\.config\.json/);
    assert.match(e.message, /ingest\.sampling/);
    assert.match(e.message, /strat/);
    return true;
  });
});

test('a value of the wrong type names the key path and what was expected', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.json'), JSON.stringify({ ingest: { sampling: { rate: '5%' } } }));
  await assert.rejects(loadConfig(undefined, dir), (e: Error) => {
    assert.match(e.message, /ingest\.sampling\.rate: .*expected number/i);
    return true;
  });
});

test('a JSON syntax error names the file, line and column', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.json'), '{\n  "warehouse": {\n    "path": "x.duckdb",,\n  }\n}\n');
  await assert.rejects(loadConfig(undefined, dir), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ASSAY_ERR_CONFIG_PARSE');
    assert.match(e.message, /assay\.config\.json/);
    assert.match(e.message, /line 3/);
    return true;
  });
});

test('a TypeScript config file with a default export is loaded and validated', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.ts'), 'export default { warehouse: { path: "w/x.duckdb" } };\n');
  const { config, file } = await loadConfig(undefined, dir);
  assert.equal(config.warehouse.path, 'w/x.duckdb');
  assert.match(file!, /assay\.config\.ts$/);
});

/** Writes a config file and expects loading it to fail with ASSAY_ERR_CONFIG naming the file and `key`. */
async function rejectsConfig(config: unknown, key: RegExp): Promise<void> {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.json'), JSON.stringify(config));
  await assert.rejects(loadConfig(undefined, dir), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'ASSAY_ERR_CONFIG');
    assert.match(e.message, /assay\.config\.json/);
    assert.match(e.message, key);
    return true;
  });
}

test('warehouse.memory_limit must be a size DuckDB reads', async () => {
  await rejectsConfig({ warehouse: { memory_limit: 'lots' } }, /warehouse\.memory_limit: .*512MB/);
  for (const ok of ['512MB', '4GB', '1.5GiB', '800 MB', '2g']) assert.equal(parseConfig({ warehouse: { memory_limit: ok } }, '(test)').warehouse.memory_limit, ok);
});

test('a TypeScript or JavaScript config loads through the published bin too, outside an ESM package (.ts, .mts with top-level await, .cjs)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.ts'), 'export default { warehouse: { path: "w/ts.duckdb" } };\n');
  writeFileSync(join(dir, 'tla.config.mts'), 'const name = await Promise.resolve("mts");\nexport default { warehouse: { path: `w/${name}.duckdb` } };\n');
  writeFileSync(join(dir, 'c.config.cjs'), 'module.exports = { warehouse: { path: "w/cjs.duckdb" } };\n');
  for (const [args, name] of [[[], 'ts'], [['-c', 'tla.config.mts'], 'mts'], [['-c', 'c.config.cjs'], 'cjs']] as const) {
    const r = await runCli([...args, 'runs'], { cwd: dir });
    assert.equal(r.code, 3, r.stderr);
    assert.ok(r.stderr.includes(`No warehouse at ${join(dir, 'w', `${name}.duckdb`)}`), r.stderr);
  }
});

test('ingest section errors name the key: mapping, redaction and sampling', async () => {
  await rejectsConfig({ ingest: { mapping: { fields: { tenant: '$.team' } } } }, /ingest\.mapping.*tenant/);
  await rejectsConfig({ ingest: { mapping: { fields: { id: 'request_id' } } } }, /ingest\.mapping\.fields\.id: .*JSON path/);
  await rejectsConfig({ ingest: { redaction: { mode: 'mask' } } }, /ingest\.redaction\.mode: .*redact.*hash.*drop.*off/);
  await rejectsConfig({ ingest: { redaction: { detectors: ['email', 'ssn'] } } }, /ingest\.redaction\.detectors\.1/);
  await rejectsConfig({ ingest: { redaction: { patterns: [{ name: 'order number', regex: 'ORD-\\d+' }] } } }, /ingest\.redaction\.patterns\.0\.name: .*UPPER_SNAKE_CASE/);
  await rejectsConfig({ ingest: { sampling: { rate: 5 } } }, /ingest\.sampling\.rate: .*<=1/);
  await rejectsConfig({ ingest: { sampling: { stratify_by: ['region'] } } }, /ingest\.sampling\.stratify_by\.0/);
  await rejectsConfig({ ingest: { format: 'xlsx' } }, /ingest\.format/);
});

test('a redaction pattern that is not valid RE2 is refused before anything is read, naming its key', async () => {
  const t = await tempWarehouse();
  try {
    const config = parseConfig({ ingest: { redaction: { patterns: [{ name: 'REF', regex: 'AB-(\\d+' }] } } }, '(test)');
    await assert.rejects(
      runJob('ingest', { paths: [join(ROOT, 'test', 'fixtures', 'ingest', 'canonical.jsonl')] }, { wh: t.wh, config }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'ASSAY_ERR_CONFIG');
        assert.match(e.message, /ingest\.redaction\.patterns\.0\.regex: not a valid RE2/);
        return true;
      },
    );
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
  } finally {
    t.cleanup();
  }
});

test('a day that is not in the calendar is an error naming the key, in config and in job parameters', async () => {
  assert.throws(() => parseConfig({ drift: { baseline: { start: '2026-02-30', end: '2026-03-10' } } }, 'cfg.json'), /drift\.baseline\.start: not a calendar day: '2026-02-30'/);
  assert.throws(() => parseConfig({ cost: { tenants: { acme: { from: '2026-13-01', discount: 0.1 } } } }, 'cfg.json'), /cost\.tenants\.acme\.from: not a calendar day/);
  const t = await tempWarehouse();
  try {
    await assert.rejects(runJob('drift', { end: '2026-02-30' }, { wh: t.wh, config: t.config }), (e: Error & { code?: string }) => e.code === 'ASSAY_ERR_JOB_PARAMS' && /end: not a calendar day/.test(e.message));
    await assert.rejects(runJob('cost', { reprice: true, from: '2026-04-31' }, { wh: t.wh, config: t.config }), (e: Error & { code?: string }) => e.code === 'ASSAY_ERR_JOB_PARAMS' && /from: not a calendar day/.test(e.message));
  } finally {
    t.cleanup();
  }
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../jobs/config.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';

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

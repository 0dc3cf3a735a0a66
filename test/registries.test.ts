import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_MAPPINGS } from '../data/ingest/config.ts';
import { MAPPINGS_DIR } from '../data/ingest/mapping.ts';
import { JOBS } from '../jobs/registry.ts';
import { ROOT } from './helpers/cli.ts';

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Files in jobs/ that are machinery, not jobs. */
const JOB_MACHINERY = new Set(['defineJob', 'runJob', 'runnerStatus', 'registry', 'config', 'scheduler']);

test('every job file in jobs/ is registered under its snake_case name, and every registered job has a file', async () => {
  const files = readdirSync(join(ROOT, 'jobs'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .filter((f) => !JOB_MACHINERY.has(f));
  const registered = JOBS.map((j) => j.name).sort();
  assert.deepEqual(files.map(camelToSnake).sort(), registered);
  for (const f of files) {
    const mod = (await import(join(ROOT, 'jobs', `${f}.ts`))) as Record<string, { name?: string }>;
    assert.equal(mod[f]?.name, camelToSnake(f), `jobs/${f}.ts should export \`${f}\` named '${camelToSnake(f)}'`);
  }
  assert.equal(new Set(registered).size, registered.length, 'job names are unique');
});

test('every mapping file in data/mappings/ is a shipped mapping named after its file, documented in docs/ingest.md, and the other way round', () => {
  const files = readdirSync(MAPPINGS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(files, [...BUILTIN_MAPPINGS].sort());
  const doc = readFileSync(join(ROOT, 'docs', 'ingest.md'), 'utf8');
  for (const name of BUILTIN_MAPPINGS) {
    assert.equal((JSON.parse(readFileSync(join(MAPPINGS_DIR, `${name}.json`), 'utf8')) as { name: string }).name, name);
    assert.match(doc, new RegExp(`^- \`${name}\``, 'm'), `docs/ingest.md should describe the ${name} mapping in its list`);
  }
});

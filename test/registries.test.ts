import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOBS } from '../jobs/registry.ts';
import { ROOT } from './helpers/cli.ts';

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Files in jobs/ that are machinery, not jobs. */
const JOB_MACHINERY = new Set(['defineJob', 'runJob', 'registry', 'config', 'scheduler']);

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

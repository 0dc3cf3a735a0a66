import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_PLAN } from '../../../evaluators/drift/defaults.ts';
import { DRIFT_TESTS } from '../../../evaluators/drift/registry.ts';
import { ROOT } from '../../helpers/cli.ts';

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Files in evaluators/drift/ that are machinery, not drift tests. */
const MACHINERY = new Set(['defineDriftTest', 'registry', 'defaults', 'config', 'runDrift', 'aggregates', 'severity', 'segments', 'costSource', 'store']);

test('every drift test file is registered under its snake_case name, and every registered test has a file', async () => {
  const files = readdirSync(join(ROOT, 'evaluators', 'drift')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).filter((f) => !MACHINERY.has(f));
  assert.deepEqual(files.map(camelToSnake).sort(), DRIFT_TESTS.map((t) => t.name).sort());
  for (const f of files) {
    const mod = (await import(join(ROOT, 'evaluators', 'drift', `${f}.ts`))) as Record<string, { name?: string }>;
    assert.equal(mod[f]?.name, camelToSnake(f), `evaluators/drift/${f}.ts should export \`${f}\` named '${camelToSnake(f)}'`);
  }
});

test('the default plan only names registered tests, each on a metric of a kind it reads, and every test is used', () => {
  const names = new Set(DRIFT_TESTS.map((t) => t.name));
  for (const p of DEFAULT_PLAN) assert.ok(names.has(p.test), p.test);
  assert.deepEqual([...new Set(DEFAULT_PLAN.map((p) => p.test))].sort(), [...names].sort());
});

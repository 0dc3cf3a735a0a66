import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../jobs/config.ts';
import { ROOT } from './helpers/cli.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

test('README quick start gives exactly the two commands, and CI runs the second', () => {
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'));
  assert.deepEqual(blocks('sh').filter((b) => quickStart.includes(b)).map((b) => b.trim()), ['npm ci && npm run demo\nnpm test']);
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /npm ci[^\n]*\nnpm test\s*$/);
});

test('the config example in README is a valid config', () => {
  const [example] = blocks('json');
  const config = parseConfig(JSON.parse(example), 'README.md');
  assert.equal(config.ingest.sampling.rate, 0.05);
  assert.equal(config.ingest.mapping, 'openai_chat');
});

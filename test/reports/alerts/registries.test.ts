import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listSqlFiles, sqlFile } from '../../../data/sql.ts';
import { VIEWS } from '../../../data/views.ts';
import { CHANNELS } from '../../../reports/alerts/channels/registry.ts';
import { RULES } from '../../../reports/alerts/rules/registry.ts';
import { readsOf } from '../../../reports/datasets.ts';
import { ROOT } from '../../helpers/cli.ts';

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const filesIn = (dir: string) => readdirSync(join(ROOT, 'reports', 'alerts', dir)).filter((f) => f.endsWith('.ts') && f !== 'registry.ts').map((f) => f.slice(0, -3));

test('every file in reports/alerts/rules/ is a registered rule with its query, which reads exactly its source view', async () => {
  const files = filesIn('rules');
  assert.deepEqual(files.map(camelToSnake).sort(), RULES.map((r) => r.name).sort());
  for (const f of files) {
    const mod = (await import(join(ROOT, 'reports', 'alerts', 'rules', `${f}.ts`))) as Record<string, { name?: string }>;
    assert.equal(mod[f]?.name, camelToSnake(f), `reports/alerts/rules/${f}.ts should export \`${f}\``);
  }
  for (const r of RULES) {
    assert.ok((VIEWS as readonly string[]).includes(r.source), `${r.name} reads a named view`);
    assert.deepEqual(readsOf(sqlFile(`queries/alerts/${r.name}`)).filter((v) => v !== 'records' && v !== 'budget_burn_daily'), [r.source], `${r.name}'s query`);
    assert.doesNotThrow(() => r.options.parse({}), `${r.name}: every option has a default`);
  }
  assert.deepEqual(listSqlFiles('queries/alerts').filter((f) => f !== 'transitions' && f !== 'due').sort(), RULES.map((r) => r.name).sort(), 'one query per rule');
});

test('every file in reports/alerts/channels/ is a registered channel type', async () => {
  const files = filesIn('channels');
  assert.deepEqual(files.sort(), CHANNELS.map((c) => c.type).sort());
  for (const f of files) {
    const mod = (await import(join(ROOT, 'reports', 'alerts', 'channels', `${f}.ts`))) as Record<string, { type?: string }>;
    assert.equal(mod[f]?.type, f);
  }
});

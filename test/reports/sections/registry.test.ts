import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listSqlFiles } from '../../../data/sql.ts';
import { datasetSql, readsOf } from '../../../reports/datasets.ts';
import { SECTIONS } from '../../../reports/sections/registry.ts';
import { ROOT } from '../../helpers/cli.ts';
import { tempWarehouse } from '../../helpers/tempWarehouse.ts';

const camelToSnake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

test('every file in reports/sections/ is a registered section under its snake_case name, and every section has a file', async () => {
  const files = readdirSync(join(ROOT, 'reports', 'sections')).filter((f) => f.endsWith('.ts') && f !== 'registry.ts').map((f) => f.slice(0, -3));
  assert.deepEqual(files.map(camelToSnake).sort(), SECTIONS.map((s) => s.name).sort());
  for (const f of files) {
    const mod = (await import(join(ROOT, 'reports', 'sections', `${f}.ts`))) as Record<string, { name?: string }>;
    assert.equal(mod[f]?.name, camelToSnake(f), `reports/sections/${f}.ts should export \`${f}\` named '${camelToSnake(f)}'`);
  }
});

test('each section names exactly the views its queries read, every query file belongs to a section, and every name exists', async () => {
  const used = new Set<string>();
  const t = await tempWarehouse();
  try {
    const objects = new Set(
      (await t.wh.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views() WHERE NOT internal`)).map((r) => r.name),
    );
    for (const s of SECTIONS) {
      const reads = new Set(s.datasets.flatMap((d) => readsOf(datasetSql(d.name))));
      s.datasets.forEach((d) => used.add(d.name));
      assert.deepEqual([...reads].sort(), [...s.reads].sort(), `${s.name}.reads`);
      for (const name of s.reads) assert.ok(objects.has(name) || s.needs.objects.includes(name), `${s.name} reads ${name}, which is neither in the warehouse nor a declared need`);
      assert.equal(s.build === undefined, s.datasets.length === 0, `${s.name}: a section builds exactly when it has datasets`);
    }
    assert.deepEqual(listSqlFiles('queries/report').filter((f) => !used.has(f)), [], 'query files no section uses');
  } finally {
    t.cleanup();
  }
});

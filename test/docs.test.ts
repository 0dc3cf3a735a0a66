import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RECORD_COLUMNS, LINEAGE_COLUMNS } from '../data/record.ts';
import { VIEWS } from '../data/views.ts';
import { ROOT } from './helpers/cli.ts';
import { tempWarehouse } from './helpers/tempWarehouse.ts';

const doc = readFileSync(join(ROOT, 'docs', 'warehouse.md'), 'utf8');
const headings = new Set([...doc.matchAll(/^### (\w+)$/gm)].map((m) => m[1]));

test('docs/warehouse.md documents every table and every view of the warehouse', async () => {
  const t = await tempWarehouse();
  try {
    const tables = (await t.wh.all<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary`)).map((r) => r.table_name);
    const missing = [...tables, ...VIEWS].filter((n) => !headings.has(n));
    assert.deepEqual(missing, [], 'add a "### name" section to docs/warehouse.md for each');
  } finally {
    t.cleanup();
  }
});

test('docs/warehouse.md lists every column of the canonical record', () => {
  const section = doc.slice(doc.indexOf('### records'), doc.indexOf('### quarantine'));
  for (const c of [...RECORD_COLUMNS, ...LINEAGE_COLUMNS]) assert.match(section, new RegExp(`\\| ${c.name} \\|`), `column ${c.name}`);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, runCli } from './helpers/cli.ts';
import { demoWarehouse, type DemoWarehouse } from './helpers/demoWarehouse.ts';

// Every ```sql example in README.md and docs/ is a query an analyst pastes into `assay sql`: each must be one
// statement that runs on a demo warehouse.
const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const blocks = files.flatMap((f) =>
  [...readFileSync(join(ROOT, f), 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => ({ where: `${f}: ${m[1].split('\n')[0]}`, sql: m[1].trim() })),
);

let t: DemoWarehouse;
before(async () => {
  t = await demoWarehouse();
});
after(() => t.cleanup());

test('every SQL example in the docs is one statement that runs on a demo warehouse', async () => {
  assert.ok(blocks.length >= 20, `${blocks.length} blocks`);
  const failing: string[] = [];
  for (const b of blocks) {
    try {
      const n = await t.wh.statementCount(b.sql);
      if (n !== 1) failing.push(`${b.where}: ${n} statements`);
      else await t.wh.all(b.sql);
    } catch (e) {
      failing.push(`${b.where}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(failing, []);
});

test('assay sql takes a query that starts with a -- comment, options after it too; two statements are refused, not half shown', async () => {
  t.wh.close();
  const first = blocks.find((b) => b.sql.startsWith('--'))!;
  const ok = await runCli(['-w', t.path, 'sql', first.sql, '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(Array.isArray(JSON.parse(ok.stdout)));
  const two = await runCli(['-w', t.path, 'sql', 'SELECT 1 AS a; SELECT 2 AS b']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /one statement at a time; this query holds 2/);
});

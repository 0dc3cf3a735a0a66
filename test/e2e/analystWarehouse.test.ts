import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { demoWarehouse, type DemoWarehouse } from '../helpers/demoWarehouse.ts';

// An analyst's own DuckDB client: the warehouse file opened read-only, with none of Assay's setup but the session
// TimeZone, which a client takes from its machine (Warehouse.open sets UTC; the analyst's is set back here).
const doc = readFileSync(join(ROOT, 'docs', 'warehouse.md'), 'utf8');
const names = [...doc.matchAll(/^### (\w+)$/gm)].map((m) => m[1]);
const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1].trim());

let t: DemoWarehouse;
before(async () => {
  t = await demoWarehouse({}, 0.05);
  t.wh.close();
});
after(() => t.cleanup());

/**
 * Rows as comparable text: sorted, floats to 12 significant digits and below 1e-9 as 0 (DuckDB sums in parallel,
 * in no fixed order: the last digits differ between runs, and effects that cancel out come out as 1e-15 or -2e-16;
 * rounding to fixed decimals would cut costs such as 0.0000025 at their own last digit).
 */
function canonical(rows: unknown[]): string[] {
  const round = (v: unknown): unknown =>
    typeof v === 'number' && !Number.isInteger(v) ? (Math.abs(v) < 1e-9 ? 0 : Number(v.toPrecision(12)))
    : Array.isArray(v) ? v.map(round)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
    : v;
  return rows.map((r) => JSON.stringify(round(r))).sort();
}

async function session(zone: string): Promise<Warehouse> {
  const wh = await Warehouse.open(t.path, { readOnly: true });
  await wh.run(`SET TimeZone = '${zone}'`);
  return wh;
}

test('every documented table and view, and every example query, gives an analyst in New York or Kolkata what the report (UTC) sees', async () => {
  assert.ok(names.length > 50 && examples.length > 15);
  const utc = await session('UTC');
  const zones = await Promise.all(['America/New_York', 'Asia/Kolkata'].map(session));
  const differ: string[] = [];
  try {
    for (const [what, sql] of [...names.map((n) => [n, `SELECT * FROM "${n}"`]), ...examples.map((q) => [q.split('\n')[0], q])]) {
      const expected = canonical(await utc.all(sql));
      for (const [i, wh] of zones.entries()) {
        if (JSON.stringify(canonical(await wh.all(sql))) !== JSON.stringify(expected)) differ.push(`${what} (${i ? 'Asia/Kolkata' : 'America/New_York'})`);
      }
    }
  } finally {
    for (const wh of [utc, ...zones]) wh.close();
  }
  assert.deepEqual(differ, [], 'a day or window taken in the session TimeZone: use utc_day(ts), utc_week_start(ts) or instants');
});

test('while another process holds the warehouse, assay sql says which process and what to do, not only a PID', async () => {
  const holder = await Warehouse.open(t.path); // as assay serve does
  try {
    const r = await runCli(['-w', t.path, '--json', 'sql', 'SELECT 1']);
    assert.equal(r.code, 1, r.stderr);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string; pid: number } };
    assert.equal(error.code, 'ASSAY_ERR_WAREHOUSE');
    assert.equal(error.pid, process.pid);
    assert.match(error.message, new RegExp(`another process has it open \\(PID ${process.pid}: \\S*node `));
    assert.match(error.message, /`assay serve`, `assay schedule` and a job hold it for writing while a job runs/);
    assert.match(error.message, /docs\/warehouse\.md/);
  } finally {
    holder.close();
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { reportDirName } from '../../reports/build.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

let t: TempWarehouse;
const TENANTS = ['acme corp', 'acme/corp', '租户一', '租户二'];
before(async () => {
  t = await tempWarehouse();
  await insertRecords(t.wh, TENANTS.flatMap((tenant, k) => Array.from({ length: 5 }, (_, i) => ({ id: `${k}-${i}`, ts: `2026-11-0${2 + i}T10:00:00Z`, tenant_id: tenant }))));
});
after(() => t.cleanup());

test("tenants whose names differ only in characters a folder name cannot hold get their own report folders", async () => {
  const out = join(t.dir, 'reports');
  const dirs = new Set<string>();
  for (const tenant of TENANTS) {
    const r = await runJob<{ output: { json: string } }>('report', { week: '2026-W45', tenant, out }, { wh: t.wh, config: t.config });
    dirs.add(r.result.output.json);
  }
  assert.equal(dirs.size, TENANTS.length, [...dirs].join('\n'));
  for (const [i, file] of [...dirs].entries()) assert.equal((JSON.parse(readFileSync(file, 'utf8')) as ReportJson).tenant, TENANTS[i]);
  assert.equal(reportDirName('2026-W45', 'acme'), '2026-W45-tenant-acme', 'a plain id is its own folder name');
});

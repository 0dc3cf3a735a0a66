import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { reportDirName } from '../../reports/build.ts';
import { writeIndex } from '../../reports/indexPage.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

let t: TempWarehouse;
const LONG = `tenant-${'x'.repeat(300)}`;
// '_-2ec847d8' is what '@@@' became when only a changed name carried a hash (2ec847d8 is the hash of '@@@').
const TENANTS = ['acme corp', 'acme/corp', '租户一', '租户二', '@@@', '_-2ec847d8', 'acme', 'ACME', LONG];
const reports = new Map<string, string>();
let out: string;

before(async () => {
  t = await tempWarehouse();
  await insertRecords(t.wh, TENANTS.flatMap((tenant, k) => Array.from({ length: 5 }, (_, i) => ({ id: `${k}-${i}`, ts: `2026-11-0${2 + i}T10:00:00Z`, tenant_id: tenant }))));
  out = join(t.dir, 'reports');
  for (const tenant of TENANTS) {
    const r = await runJob<{ output: { json: string } }>('report', { week: '2026-W45', tenant, out }, { wh: t.wh, config: t.config });
    reports.set(tenant, r.result.output.json);
  }
});
after(() => t.cleanup());

test('every tenant gets its own report folder, also on a case-insensitive file system, and a very long id gets a short name', () => {
  const dirs = [...reports.values()].map((file) => basename(dirname(file)));
  assert.equal(new Set(dirs.map((d) => d.toLowerCase())).size, TENANTS.length, dirs.join('\n'));
  for (const [tenant, file] of reports) assert.equal((JSON.parse(readFileSync(file, 'utf8')) as ReportJson).tenant, tenant, file);
  for (const d of dirs) assert.ok(Buffer.byteLength(d) <= 100, `${d.length} characters: ${d}`);
  assert.match(basename(dirname(reports.get(LONG)!)), /^2026-W45-tenant-tenant-x{57}-[0-9a-f]{8}$/, 'the readable part is cut, the hash kept');
});

test('a folder name is the week, the readable id and a hash of the exact id; folders of ids that needed a hash keep their names', () => {
  assert.equal(reportDirName('2026-W45', null), '2026-W45');
  assert.match(reportDirName('2026-W45', 'acme'), /^2026-W45-tenant-acme-[0-9a-f]{8}$/);
  assert.notEqual(reportDirName('2026-W45', 'acme').toLowerCase(), reportDirName('2026-W45', 'ACME').toLowerCase());
  assert.notEqual(reportDirName('2026-W45', '@@@'), reportDirName('2026-W45', '_-2ec847d8'));
  // The names these ids were given before every name carried a hash: links to them still lead to the same tenant.
  assert.equal(reportDirName('2026-W45', 'acme corp'), '2026-W45-tenant-acme_corp-ea6f9c07');
  assert.equal(reportDirName('2026-W45', '@@@'), '2026-W45-tenant-_-2ec847d8');
  assert.equal(reportDirName('2026-W45', '租户一'), '2026-W45-tenant-_-ef4906df');
});

test('a report folder named before names always carried a hash still opens, and the index lists the week and tenant once, at its new folder', () => {
  const current = dirname(reports.get('acme')!);
  const legacy = join(out, '2026-W45-tenant-acme');
  cpSync(current, legacy, { recursive: true });
  const old = JSON.parse(readFileSync(join(legacy, 'report.json'), 'utf8')) as ReportJson;
  writeFileSync(join(legacy, 'report.json'), JSON.stringify({ ...old, generated_at: '2026-11-10T06:00:00.000Z' }));
  const index = readFileSync(writeIndex(out), 'utf8');
  const links = [...index.matchAll(/<tr><td class="nowrap"><a href="([^"]+)\/report.html">/g)].map((m) => decodeURIComponent(m[1]));
  assert.equal(links.length, TENANTS.length);
  assert.ok(links.includes(basename(current)) && !links.includes('2026-W45-tenant-acme'), links.join('\n'));
  assert.match(index, /Not listed \(an older build of a report listed above\): 2026-W45-tenant-acme</);
  assert.ok(existsSync(join(legacy, 'report.html')));
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { count, estimate, ms } from '../../reports/format.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { runCli } from '../helpers/cli.ts';
import { DEMO_WEEK, demoWarehouse, type DemoWarehouse } from '../helpers/demoWarehouse.ts';

let t: DemoWarehouse;
before(async () => {
  t = await demoWarehouse();
});
after(() => t.cleanup());

const OTHERS = ['acme', 'initech', 'umbrella', 'hooli'];

/** Every number anywhere in a JSON value. */
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => numbers(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => numbers(x, out));
  return out;
}

test("a tenant's report holds that tenant's data only: no other tenant's name or figure in the page or report.json", async () => {
  await runJob('report', { week: DEMO_WEEK, tenant: 'globex', out: t.reports }, { wh: t.wh, config: t.config });
  const dir = join(t.reports, `${DEMO_WEEK}-tenant-globex`);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const text = readFileSync(join(dir, 'report.json'), 'utf8');
  const json = JSON.parse(text) as ReportJson;
  assert.equal(json.tenant, 'globex');
  for (const name of OTHERS) {
    assert.doesNotMatch(html, new RegExp(name, 'i'), `${name} appears in globex's page`);
    assert.doesNotMatch(text, new RegExp(name, 'i'), `${name} appears in globex's report.json`);
  }
  // Figures of other tenants and of all tenants together, which globex's own figures do not happen to equal.
  const own = await t.wh.all<Record<string, number>>(`SELECT requests, est_requests, latency_p95_ms FROM workflow_week_over_week WHERE week = $1 AND tenant_id = 'globex'`, [DEMO_WEEK]);
  const foreign = await t.wh.all<Record<string, number>>(
    `SELECT requests, est_requests, latency_p95_ms FROM workflow_week_over_week WHERE week = $1 AND tenant_id IS DISTINCT FROM 'globex' AND workflow IS NOT NULL`,
    [DEMO_WEEK],
  );
  const ownValues = new Set(own.flatMap((r) => Object.values(r)));
  const inJson = new Set(numbers(json));
  // A string the page may show because one of globex's own numbers formats to it.
  const ownTexts = new Set([...inJson].flatMap((n) => [ms(n), count(n), estimate(n)]));
  let checked = 0;
  for (const r of foreign) {
    for (const [k, v] of Object.entries(r)) {
      // Small whole numbers collide by chance; p95s (fractional milliseconds) and counts in the thousands do not.
      if (ownValues.has(v) || (k !== 'latency_p95_ms' && v < 1000)) continue;
      checked++;
      assert.ok(!inJson.has(v), `report.json holds ${k} = ${v} of another tenant or of all tenants`);
      const shown = k === 'latency_p95_ms' ? ms(v) : k === 'requests' ? count(v) : estimate(v);
      if (!ownTexts.has(shown)) assert.ok(!html.includes(shown), `the page shows ${shown} (${k} of another tenant or all tenants)`);
    }
  }
  assert.ok(checked >= 20, `checked ${checked} foreign figures`);
  for (const s of json.sections) {
    for (const d of s.datasets) {
      for (const row of d.rows) {
        if ('tenant_id' in row) assert.equal(row.tenant_id, 'globex', `${d.name} row of tenant ${String(row.tenant_id)}`);
        if ('segment_type' in row) assert.equal(row.segment_type, 'tenant_workflow', `${d.name} row of segment ${String(row.segment)}`);
      }
    }
  }
  assert.ok(json.verdict.red.some((l) => l.label === 'draft_reply' || l.label === 'summarize_ticket'), "globex's own regressions are in its verdict");
});

test('index.html lists every report in the directory, newest week first, with its tenant', async () => {
  await runJob('report', { week: '2026-W45', out: t.reports }, { wh: t.wh, config: t.config });
  await runJob('report', { week: DEMO_WEEK, tenant: 'initech', out: t.reports }, { wh: t.wh, config: t.config });
  writeFileSync(join(t.reports, 'notes.txt'), 'not a report');
  const index = readFileSync(join(t.reports, 'index.html'), 'utf8');
  const rows = [...index.matchAll(/<tr><td><a href="([^"]+)\/report.html"><strong>([^<]+)<\/strong><\/a><\/td><td>[^<]*<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows, [
    [DEMO_WEEK, DEMO_WEEK, 'all tenants'],
    [`${DEMO_WEEK}-tenant-globex`, DEMO_WEEK, 'globex'],
    [`${DEMO_WEEK}-tenant-initech`, DEMO_WEEK, 'initech'],
    ['2026-W45', '2026-W45', 'all tenants'],
  ]);
});

test('assay report writes the report and prints its paths; bad weeks, unknown tenants and empty weeks are clear errors', async () => {
  t.wh.close();
  const out = join(t.dir, 'cli-reports');
  const ok = await runCli(['-w', t.path, '--json', '-q', 'report', '--week', DEMO_WEEK, '--tenant', 'acme', '--out', out]);
  assert.equal(ok.code, 0, ok.stderr);
  const body = JSON.parse(ok.stdout) as { html: string; json: string; index: string; status: string };
  assert.equal(body.html, join(out, `${DEMO_WEEK}-tenant-acme`, 'report.html'));
  assert.equal(body.status, 'red');
  assert.match(readFileSync(body.html, 'utf8'), /Tenant acme/);
  const text = await runCli(['-w', t.path, '-q', 'report', '--week', DEMO_WEEK, '--out', out]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /verdict red/);
  assert.match(text.stdout, /not available: cost, golden, judge, alerts/);
  const badWeek = await runCli(['-w', t.path, 'report', '--week', '2026-46', '--out', out]);
  assert.equal(badWeek.code, 2);
  assert.match(badWeek.stderr, /ISO week such as 2026-W46/);
  const badTenant = await runCli(['-w', t.path, 'report', '--week', DEMO_WEEK, '--tenant', 'acme corp', '--out', out]);
  assert.equal(badTenant.code, 2);
  assert.match(badTenant.stderr, /Unknown tenant 'acme corp'\. Tenants in the warehouse: acme, globex, hooli, initech, umbrella/);
  const empty = await runCli(['-w', t.path, 'report', '--week', '2025-W10', '--out', out]);
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /No records in 2025-W10: records span 2026-W42 to 2026-W46/);
  const help = await runCli(['report', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--week <YYYY-Www>[\s\S]*--tenant <id>[\s\S]*--out <dir>/);
});

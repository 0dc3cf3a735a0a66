import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../jobs/config.ts';
import { runJob } from '../../jobs/runJob.ts';
import { ms, usd } from '../../reports/format.ts';
import { reportDirName } from '../../reports/build.ts';
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
  const dir = join(t.reports, reportDirName(DEMO_WEEK, 'globex'));
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const text = readFileSync(join(dir, 'report.json'), 'utf8');
  const json = JSON.parse(text) as ReportJson;
  assert.equal(json.tenant, 'globex');
  for (const name of OTHERS) {
    assert.doesNotMatch(html, new RegExp(name, 'i'), `${name} appears in globex's page`);
    assert.doesNotMatch(text, new RegExp(name, 'i'), `${name} appears in globex's report.json`);
  }
  // Figures of other tenants and of all tenants together, against globex's own figures in the same views. Only
  // figures that cannot collide by chance: interpolated latency quantiles and money (rates are small fractions
  // such as 1/53 and counts are whole numbers; the row checks below cover both).
  const figures = async (sql: string) => (await t.wh.all<Record<string, unknown>>(sql, [DEMO_WEEK])).flatMap((r) => numbers(r));
  const genuine = [
    ...(await figures(`SELECT * FROM workflow_week_over_week WHERE tenant_id = 'globex' AND week IN ('2026-W45', $1)`)),
    ...(await figures(`SELECT * FROM cost_by_tenant_week WHERE tenant_id = 'globex' AND week IN ('2026-W45', $1)`)),
    ...(await figures(`SELECT * FROM cost_per_successful_request WHERE tenant_id = 'globex' AND week <= $1`)),
    ...(await figures(`SELECT * FROM cost_waste_week WHERE tenant_id = 'globex' AND week = $1`)),
    ...(await figures(`SELECT * FROM cost_change_week WHERE scope = 'tenant' AND scope_id = 'globex' AND week = $1`)),
    ...(await figures(`SELECT sum(est_cost_usd) FROM cost_by_day WHERE tenant_id = 'globex' GROUP BY model, date_trunc('week', day) HAVING max(day) <= '2026-11-15' AND count(*) > 0 AND $1 IS NOT NULL`)),
  ];
  const foreign = [
    ...(await figures(`SELECT latency_p50_ms, latency_p95_ms FROM workflow_week_over_week WHERE tenant_id IS DISTINCT FROM 'globex' AND week = $1`)),
    ...(await figures(`SELECT est_cost_usd FROM cost_by_tenant_week WHERE tenant_id <> 'globex' AND week IN ('2026-W45', $1)`)),
    ...(await figures(`SELECT est_cost_usd FROM cost_by_workflow_week WHERE week IN ('2026-W45', $1) UNION ALL SELECT est_cost_usd FROM cost_by_model_week WHERE week IN ('2026-W45', $1)`)),
    ...(await figures(`SELECT sum(est_cost_usd), sum(prev_est_cost_usd), sum(delta_usd) FROM cost_change_week WHERE scope = 'tenant' AND week = $1`)),
  ].filter((v) => !Number.isInteger(v) && v > 1e-6);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  const inJson = numbers(json);
  const genuineTexts = new Set(genuine.flatMap((n) => [ms(n), usd(n)]));
  let checked = 0;
  for (const f of foreign) {
    if (genuine.some((g) => near(g, f))) continue; // a figure only globex contributes to is globex's own
    checked++;
    assert.ok(!inJson.some((n) => near(n, f)), `report.json holds ${f}, a figure of another tenant or of all tenants`);
    for (const text of [ms(f), usd(f)]) {
      if (!genuineTexts.has(text) && text.length > 5) assert.ok(!html.includes(`>${text}<`), `the page shows ${text} (${f}), a figure of another tenant or of all tenants`);
    }
  }
  assert.ok(checked >= 40, `checked ${checked} foreign figures`);
  for (const d of Object.values(json.datasets)) {
    for (const row of d.rows) {
      if ('tenant_id' in row) assert.equal(row.tenant_id, 'globex', `${d.name} row of tenant ${String(row.tenant_id)}`);
      if ('segment_type' in row) assert.equal(row.segment_type, 'tenant_workflow', `${d.name} row of segment ${String(row.segment)}`);
      if ('scope' in row) assert.deepEqual([row.scope, row.scope_id], ['tenant', 'globex'], `${d.name} row of ${String(row.scope)} ${String(row.scope_id)}`);
    }
  }
  assert.ok(json.verdict.red.some((l) => l.label === 'draft_reply' || l.label === 'summarize_ticket'), "globex's own regressions are in its verdict");
});

test("a tenant's report shows the alerts about that tenant, and only those", async () => {
  // The demo's planted unknown spike fires a drift alert on acme's support_triage.
  const active = await t.wh.all<{ rule: string; alert_key: string; tenant_id: string | null }>('SELECT rule, alert_key, tenant_id FROM alerts_active ORDER BY ALL');
  const acme = active.filter((a) => a.tenant_id === 'acme').map((a) => `${a.rule}|${a.alert_key}`);
  assert.ok(acme.includes('drift|tenant_id=acme/workflow=support_triage|unknown_rate'), JSON.stringify(active));
  // A drift segment or a budget of that tenant; a workflow across tenants, a model or all traffic has none.
  for (const a of active) assert.equal(a.tenant_id, /^tenant(?:_id)?=([^/|]+)[/|]/.exec(a.alert_key)?.[1] ?? null, a.alert_key);
  const out = mkdtempSync(join(tmpdir(), 'assay-tenant-alerts-')); // not t.reports: the index test lists that directory
  const firingIn = async (tenant: string) => {
    await runJob('report', { week: DEMO_WEEK, tenant, out }, { wh: t.wh, config: t.config });
    const json = JSON.parse(readFileSync(join(out, reportDirName(DEMO_WEEK, tenant), 'report.json'), 'utf8')) as ReportJson;
    const html = readFileSync(join(out, reportDirName(DEMO_WEEK, tenant), 'report.html'), 'utf8');
    return { keys: json.datasets.alerts_firing.rows.map((r) => `${r.rule}|${r.alert_key}`).sort(), html };
  };
  const a = await firingIn('acme');
  assert.deepEqual(a.keys, [...acme].sort());
  assert.match(a.html, /acme · support_triage/);
  assert.match(a.html, /alerts about several tenants .* are in the all-tenant report/);
  const g = await firingIn('globex');
  assert.deepEqual(g.keys, active.filter((x) => x.tenant_id === 'globex').map((x) => `${x.rule}|${x.alert_key}`).sort());
  assert.ok(!g.keys.some((k) => acme.includes(k)));
  rmSync(out, { recursive: true, force: true });
});

test('index.html lists every report in the directory, newest week first, with its tenant', async () => {
  await runJob('report', { week: '2026-W45', out: t.reports }, { wh: t.wh, config: t.config });
  await runJob('report', { week: DEMO_WEEK, tenant: 'initech', out: t.reports }, { wh: t.wh, config: t.config });
  writeFileSync(join(t.reports, 'notes.txt'), 'not a report');
  const index = readFileSync(join(t.reports, 'index.html'), 'utf8');
  const rows = [...index.matchAll(/<tr><td class="nowrap"><a href="([^"]+)\/report.html"><strong>([^<]+)<\/strong><\/a><\/td><td class="nowrap">[^<]*<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows, [
    [DEMO_WEEK, DEMO_WEEK, 'all tenants'],
    [reportDirName(DEMO_WEEK, 'globex'), DEMO_WEEK, 'globex'],
    [reportDirName(DEMO_WEEK, 'initech'), DEMO_WEEK, 'initech'],
    ['2026-W45', '2026-W45', 'all tenants'],
  ]);
});

test('a silenced alert still fires in the report: its notification says until when and why, and the verdict says it was not notified', async () => {
  const key = 'tenant_id=acme/workflow=support_triage|unknown_rate';
  const config = parseConfig({ alerts: { silences: [{ rule: 'drift', alert_key: key, until: '2099-01-01', reason: 'INC-42, fix rolling out' }] } }, '(test)');
  // Resolve everything first (rules off), so that the spike fires again, under the silence.
  await runJob('alerts', {}, { wh: t.wh, config: parseConfig({ alerts: { rules: { drift: { enabled: false }, budget: { enabled: false }, unpriced_model: { enabled: false } } } }, '(test)') });
  await runJob('alerts', {}, { wh: t.wh, config });
  const out = mkdtempSync(join(tmpdir(), 'assay-silenced-'));
  try {
    await runJob('report', { week: DEMO_WEEK, out }, { wh: t.wh, config });
    const json = JSON.parse(readFileSync(join(out, DEMO_WEEK, 'report.json'), 'utf8')) as ReportJson;
    const row = json.datasets.alerts_firing.rows.find((r) => r.alert_key === key);
    assert.equal(row?.delivery, 'silenced until 2099-01-01 00:00 UTC: INC-42, fix rolling out');
    const line = json.verdict.red.find((l) => l.label === 'on-call alerts');
    assert.match(line?.statements[0] ?? '', /; 1 silenced \(alerts\.silences\), not notified$/);
    assert.match(readFileSync(join(out, DEMO_WEEK, 'report.html'), 'utf8'), /silenced until 2099-01-01 00:00 UTC: INC-42, fix rolling out/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('assay report writes the report and prints its paths; bad weeks, unknown tenants and empty weeks are clear errors', async () => {
  t.wh.close();
  const out = join(t.dir, 'cli-reports');
  const ok = await runCli(['-w', t.path, '--json', '-q', 'report', '--week', DEMO_WEEK, '--tenant', 'acme', '--out', out]);
  assert.equal(ok.code, 0, ok.stderr);
  const body = JSON.parse(ok.stdout) as { html: string; json: string; index: string; status: string };
  assert.equal(body.html, join(out, reportDirName(DEMO_WEEK, 'acme'), 'report.html'));
  assert.equal(body.status, 'red');
  assert.match(readFileSync(body.html, 'utf8'), /Tenant acme/);
  const badWeek = await runCli(['-w', t.path, 'report', '--week', '2026-46', '--out', out]);
  assert.equal(badWeek.code, 2);
  assert.match(badWeek.stderr, /ISO week such as 2026-W46/);
  const badTenant = await runCli(['-w', t.path, 'report', '--week', DEMO_WEEK, '--tenant', 'acme corp', '--out', out]);
  assert.equal(badTenant.code, 2);
  assert.equal(badTenant.stdout, '', 'nothing on stdout when it fails');
  assert.match(badTenant.stderr, /Unknown tenant 'acme corp'\. Tenants in the warehouse: acme, globex, hooli, initech, umbrella/);
  const empty = await runCli(['-w', t.path, 'report', '--week', '2025-W10', '--out', out]);
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /No records in 2025-W10: records span 2026-W42 to 2026-W46/);
  const help = await runCli(['report', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--week <YYYY-Www>[\s\S]*--tenant <id>[\s\S]*--out <dir>/);
});

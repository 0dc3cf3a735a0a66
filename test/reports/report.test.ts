import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { change, change as changeOf, count, ms, pct, usd, usdChange } from '../../reports/format.ts';
import { anchorId } from '../../reports/html.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { DEMO_WEEK, demoWarehouse, type DemoWarehouse } from '../helpers/demoWarehouse.ts';
import { insertRecords, tempWarehouse } from '../helpers/tempWarehouse.ts';

let t: DemoWarehouse;
let html: string;
let json: ReportJson;

/** The demo's planted unknown spike: acme's support_triage. */
const ACME_TRIAGE = 'tenant_id=acme/workflow=support_triage';
const BUDGETS = { cost: { budgets: { tenants: { globex: 200, acme: 1000 }, workflows: { summarize_ticket: 120 } } } };

before(async () => {
  t = await demoWarehouse(BUDGETS);
  html = readFileSync(join(t.reports, DEMO_WEEK, 'report.html'), 'utf8');
  json = JSON.parse(readFileSync(join(t.reports, DEMO_WEEK, 'report.json'), 'utf8')) as ReportJson;
});
after(() => t.cleanup());

/** The HTML of the element with this id (a table row or a figure), for checking what it shows. */
function element(id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no element #${id} in the page`);
  const tag = html.lastIndexOf('<', start);
  const name = /^<(\w+)/.exec(html.slice(tag))![1];
  return html.slice(tag, html.indexOf(`</${name}>`, start) + name.length + 3);
}

const dataset = (section: string, name: string) => {
  assert.ok(json.sections.find((s) => s.name === section)?.datasets.includes(name), `${section} uses ${name}`);
  const d = json.datasets[name];
  assert.ok(d, `${name} in report.json`);
  return d;
};

test('the verdict names the planted unknown spike with its start day and the latency regression, with links to the evidence', async () => {
  const spike = await t.wh.one<{ spike_start_day: string; reference_rate: number; since_start_rate: number }>(
    `SELECT spike_start_day, reference_rate, since_start_rate FROM drift_week_summary
     WHERE week = $1 AND segment = 'tenant_id=acme/workflow=support_triage' AND metric = 'unknown_rate'`,
    [DEMO_WEEK],
  );
  assert.equal(spike?.spike_start_day, '2026-11-12', 'the spike was planted from the 4th day of the week');
  assert.equal(json.verdict.status, 'red');
  const unknown = json.verdict.red.find((l) => l.label === 'acme · support_triage');
  assert.ok(unknown, `red lines: ${json.verdict.red.map((l) => l.label).join(', ')}`);
  assert.match(unknown.statements[0], new RegExp(`unknown answers ${pct(spike.reference_rate)} before → ${pct(spike.since_start_rate)} since Thu 12 Nov`));
  const latency = json.verdict.red.find((l) => l.label.startsWith('draft_reply'));
  assert.ok(latency);
  assert.match(latency.statements.join(' '), /latency p95 [\d.]+ s before → [\d.]+ s/);
  assert.deepEqual(new Set(latency.evidence.map((e) => e.section)), new Set(['drift', 'operations']));
  const verdictHtml = element('verdict');
  for (const line of [unknown, latency]) {
    for (const e of line.evidence) {
      assert.match(verdictHtml, new RegExp(`href="#${e.anchor}"`));
      assert.ok(html.includes(`id="${e.anchor}"`), `evidence #${e.anchor} exists`);
    }
  }
  assert.match(verdictHtml, /What changed most since 2026-W45/);
});

test('operations figures in the page and in report.json are those of workflow_week_over_week', async () => {
  const row = await t.wh.one<Record<string, number>>(
    `SELECT * FROM workflow_week_over_week WHERE week = $1 AND tenant_id IS NULL AND workflow = 'draft_reply'`,
    [DEMO_WEEK],
  );
  assert.ok(row && row.latency_p95_change > 0.5, 'the planted ×1.8 regression shows week over week');
  const stored = dataset('operations', 'ops_weeks').rows.find((r) => r.week === DEMO_WEEK && r.workflow === 'draft_reply' && r.tenant_id === null);
  assert.equal(stored?.latency_p95_ms, row.latency_p95_ms);
  assert.equal(stored?.est_requests, row.est_requests);
  const tr = element(anchorId('ops', null, 'draft_reply'));
  for (const text of [ms(row.latency_p50_ms), ms(row.latency_p95_ms), change(row.latency_p95_change), pct(row.error_rate)]) assert.ok(tr.includes(text), `${text} in ${tr}`);
  assert.match(tr, /chg-red/, 'the p95 change is marked red');
  assert.match(element('ops-workflows'), /SQL: <code>workflow_week_over_week<\/code>/);
});

test('drift sections show the spike on its p-chart, the category mix, numeric findings and untested segments from the drift views', async () => {
  const tr = element(anchorId('drift-unknown', ACME_TRIAGE));
  assert.match(tr, /Thu 12 Nov/);
  assert.match(tr, /sev-high/);
  const chart = element(anchorId('chart-unknown', ACME_TRIAGE));
  assert.match(chart, /spike from Thu 12 Nov/);
  assert.match(chart, /SQL: <code>unknown_rate_week_daily<\/code>/);
  const mix = await t.wh.one<{ current_share: number; reference_share: number }>(
    `SELECT current_share, reference_share FROM category_mix_week WHERE week = $1 AND tenant_id = 'acme' AND workflow = 'support_triage' AND category = 'unknown'`,
    [DEMO_WEEK],
  );
  assert.ok(mix);
  assert.ok(element(anchorId('chart-mix', 'acme', 'support_triage')).includes('<svg'));
  assert.match(element('drift-mix-table'), new RegExp(`unknown</td><td class="num">${pct(mix.reference_share)}</td><td class="num">${pct(mix.current_share)}`));
  const numeric = await t.wh.all<{ segment: string; metric: string }>(
    `SELECT segment, metric FROM drift_week_summary WHERE week = $1 AND kind = 'numeric' AND severity = 'high' ORDER BY segment`,
    [DEMO_WEEK],
  );
  assert.ok(numeric.some((n) => n.segment === 'workflow=draft_reply' && n.metric === 'latency_ms'));
  assert.match(element('drift-numeric-table'), /draft_reply \(all tenants\)<\/td><td>latency/);
  const untested = await t.wh.all('SELECT * FROM drift_week_insufficient WHERE week = $1', [DEMO_WEEK]);
  assert.equal(dataset('drift', 'drift_insufficient').rows.length, untested.length);
  assert.match(element('drift-insufficient-table'), /hooli · support_triage/);
  assert.ok(element('chart-drift-heatmap').includes('<svg'));
});

/** Equal, with floating-point sums allowed to differ in their last bits (DuckDB adds in parallel, in any order). */
function assertSame(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
  } else if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), path);
    for (const k of Object.keys(expected)) assertSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

test('every dataset in report.json re-runs to the same rows from the SQL it records', async () => {
  let checked = 0;
  for (const s of json.sections) {
    for (const name of s.datasets) {
      const d = json.datasets[name];
      const rows = await t.wh.all(d.sql);
      assertSame(JSON.parse(JSON.stringify(rows)), d.rows, `${s.name}/${d.name}`);
      assert.ok(d.reads.length > 0 && d.reads.every((v) => s.reads.includes(v)), `${d.name} reads ${d.reads.join(', ')}`);
      checked++;
    }
  }
  assert.ok(checked >= 20);
});

test('capabilities Assay does not have yet say so plainly and name what would feed them, with no chart or zero', async () => {
  for (const [id, table, job] of [['golden', 'golden_results', 'assay golden'], ['judge', 'judge_scores', 'assay judge']]) {
    const s = element(id);
    assert.match(s, new RegExp(`no ${table} table`));
    assert.ok(s.includes(`\`${job}\``));
    assert.doesNotMatch(s, /<svg|<table/);
  }
  assert.deepEqual(json.sections.filter((s) => s.status === 'missing').map((s) => s.name), ['golden', 'judge']);
  assert.match(element('verdict'), /Not in this report: .*Golden-set regressions.*LLM-judge scores/);
  assert.doesNotMatch(element('verdict'), /Not in this report: .*Alerts/);
});

test('the demo runs the alerts job: the planted unknown spike fires a drift alert, recorded with no channel to send it to, and the Alerts section and verdict say so', async () => {
  const finding = await t.wh.one<{ reference_rate: number; current_rate: number }>(
    `SELECT CAST(details->>'reference_rate' AS DOUBLE) AS reference_rate, CAST(details->>'current_rate' AS DOUBLE) AS current_rate
     FROM drift_latest WHERE segment = 'tenant_id=acme/workflow=support_triage' AND metric = 'unknown_rate' AND severity = 'high'`,
  );
  assert.ok(finding, 'the demo plants a high unknown spike');
  const alert = await t.wh.one<{ event_id: number; subject: string; message: string; severity: string; source_view: string }>(
    `SELECT event_id, subject, message, severity, source_view FROM alert_events
     WHERE rule = 'drift' AND state = 'firing' AND alert_key = 'tenant_id=acme/workflow=support_triage|unknown_rate'`,
  );
  assert.ok(alert);
  const pct1 = (x: number) => `${(100 * x).toFixed(1)}%`;
  assert.equal(alert.subject, 'acme · support_triage');
  assert.ok(alert.message.startsWith(`unknown rate ${pct1(finding.reference_rate)} → ${pct1(finding.current_rate)}`), alert.message);
  assert.deepEqual([alert.severity, alert.source_view], ['high', 'drift_latest']);
  const deliveries = await t.wh.all<{ channel: string; status: string }>('SELECT channel, status FROM alert_deliveries WHERE event_id = $1', [alert.event_id]);
  assert.deepEqual(deliveries, [{ channel: '(none)', status: 'skipped' }]);

  const firing = await t.wh.all<{ rule: string; alert_key: string; severity: string }>('SELECT rule, alert_key, severity FROM alerts_active');
  const rows = dataset('alerts', 'alerts_firing').rows;
  assert.equal(rows.length, firing.length);
  const tr = element(anchorId('alert', 'drift', `${ACME_TRIAGE}|unknown_rate`));
  assert.ok(tr.includes('acme · support_triage') && tr.includes('(none) skipped'), tr);
  assert.match(element('alerts'), /No alert channel was configured/);
  const high = firing.filter((f) => f.severity === 'high').length;
  const line = json.verdict.red.find((l) => l.label === 'on-call alerts');
  assert.ok(line, `red lines: ${json.verdict.red.map((l) => l.label).join(', ')}`);
  assert.match(line.statements[0], new RegExp(`^${high} high alerts firing: .*; no alert channel is configured, so nobody was notified$`));
  assert.deepEqual(line.evidence, [{ anchor: 'alerts-firing', section: 'alerts' }]);
});

test('the planted cost jump is in the verdict, explained by model mix, with cost per workflow, tenant and model from the cost views', async () => {
  const change = await t.wh.one<Record<string, number>>(
    `SELECT prev_est_cost_usd, est_cost_usd, delta_usd, mix_effect_usd FROM cost_change_week WHERE week = $1 AND scope = 'workflow' AND scope_id = 'summarize_ticket'`,
    [DEMO_WEEK],
  );
  assert.ok(change && change.est_cost_usd > 3 * change.prev_est_cost_usd, 'globex moved summarize_ticket to gpt-4o with longer inputs');
  const line = json.verdict.red.find((l) => l.label === 'summarize_ticket');
  assert.ok(line, `red lines: ${json.verdict.red.map((l) => l.label).join(', ')}`);
  assert.ok(line.statements[0].startsWith(`cost ${usd(change.prev_est_cost_usd)} → ${usd(change.est_cost_usd)} (${changeOf(change.delta_usd / change.prev_est_cost_usd)}) vs 2026-W45, mostly model mix (${usdChange(change.mix_effect_usd)})`), line.statements[0]);
  assert.ok(json.verdict.red.some((l) => l.label === 'tenant globex' && /^cost /.test(l.statements[0])));
  const wf = await t.wh.one<{ est_cost_usd: number }>(`SELECT est_cost_usd FROM cost_by_workflow_week WHERE week = $1 AND workflow = 'summarize_ticket'`, [DEMO_WEEK]);
  assert.ok(element(anchorId('cost', 'workflow', 'summarize_ticket')).includes(usd(wf!.est_cost_usd)));
  const tenant = await t.wh.one<{ est_cost_usd: number }>(`SELECT est_cost_usd FROM cost_by_tenant_week WHERE week = $1 AND tenant_id = 'globex'`, [DEMO_WEEK]);
  assert.ok(element(anchorId('cost', 'tenant', 'globex')).includes(usd(tenant!.est_cost_usd)));
  const model = await t.wh.one<{ est_cost_usd: number }>(`SELECT est_cost_usd FROM cost_by_model_week WHERE week = $1 AND model = 'gpt-4o-2024-08-06'`, [DEMO_WEEK]);
  assert.ok(element(anchorId('cost', 'model', 'gpt-4o-2024-08-06')).includes(usd(model!.est_cost_usd)));
  for (const id of ['cost-bridge', 'chart-cost-model-mix', 'chart-cost-workflow-trend']) assert.ok(element(id).includes('<svg'), id);
  const total = dataset('cost', 'cost_tenant_week').rows.find((r) => r.tenant_id === null)!;
  const sum = await t.wh.one<{ c: number }>(`SELECT sum(est_cost_usd) AS c FROM cost_by_tenant_week WHERE week = $1`, [DEMO_WEEK]);
  assert.ok(Math.abs(Number(total.est_cost_usd) - sum!.c) < 1e-9);
  assert.ok(element('verdict').includes(usd(sum!.c)), 'the week\'s cost is a headline figure');
});

test('budgets show burn and forecast on the week\'s last day, and a forecast over budget is red; unpriced models are listed', async () => {
  const budgets = await t.wh.all<{ scope: string; scope_id: string; forecast_burn_ratio: number; mtd_est_cost_usd: number }>(
    `SELECT scope, scope_id, forecast_burn_ratio, mtd_est_cost_usd FROM budget_burn_daily WHERE day = '2026-11-15' ORDER BY scope, scope_id`,
  );
  assert.equal(budgets.length, 3);
  for (const b of budgets) {
    const tr = element(anchorId('cost-budget', b.scope, b.scope_id));
    assert.ok(tr.includes(pct(b.forecast_burn_ratio)) && tr.includes(usd(b.mtd_est_cost_usd)), tr);
  }
  const over = budgets.filter((b) => b.forecast_burn_ratio >= 1).map((b) => (b.scope === 'tenant' ? `tenant ${b.scope_id}` : b.scope_id));
  assert.ok(over.includes('tenant globex'));
  for (const label of over) {
    assert.ok(json.verdict.red.some((l) => l.label === label && l.statements.some((s) => /budget \$[\d.,]+: .* forecast/.test(s))), `budget line for ${label}`);
  }
  const unpriced = await t.wh.one<{ requests: number }>(`SELECT requests FROM unpriced_models WHERE week = $1 AND model = 'acme-invoice-ft-v2'`, [DEMO_WEEK]);
  assert.ok(element(anchorId('cost-unpriced', 'acme-invoice-ft-v2')).includes(`>${count(unpriced!.requests)}<`));
  assert.ok(json.verdict.amber.some((l) => l.label === 'model acme-invoice-ft-v2'));
});

test('on a warehouse where only records were loaded, cost and drift say they have not run, and how to run them', async () => {
  const bare = await tempWarehouse();
  try {
    await insertRecords(bare.wh, Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, ts: `2026-11-1${i % 6}T10:00:00Z`, latency_ms: 100 + i })));
    const out = join(bare.dir, 'reports');
    await runJob('report', { week: DEMO_WEEK, out }, { wh: bare.wh, config: bare.config });
    const r = JSON.parse(readFileSync(join(out, DEMO_WEEK, 'report.json'), 'utf8')) as ReportJson;
    const page = readFileSync(join(out, DEMO_WEEK, 'report.html'), 'utf8');
    const missing = Object.fromEntries(r.sections.filter((s) => s.status === 'missing').map((s) => [s.name, s.reason]));
    assert.deepEqual(Object.keys(missing), ['cost', 'drift', 'golden', 'judge', 'alerts']);
    assert.equal(missing.cost, 'Cost not available: run `assay cost`.');
    assert.equal(missing.drift, `Drift has not run for ${DEMO_WEEK}.`);
    assert.match(page, /No drift run is recorded yet\. Run `assay drift --window 7d --end 2026-11-16`/);
    const costSection = page.slice(page.indexOf('id="cost"'), page.indexOf('id="drift"'));
    assert.doesNotMatch(costSection, /<svg|<table|\$0\.00/);
    assert.equal(r.verdict.status, 'green');
  } finally {
    bare.cleanup();
  }
});

test('a week the drift job has not covered says drift has not run and how to run it', async () => {
  const out = join(t.dir, 'other-reports');
  await runJob('report', { week: '2026-W45', out }, { wh: t.wh, config: t.config });
  const page = readFileSync(join(out, '2026-W45', 'report.html'), 'utf8');
  const section = page.slice(page.indexOf('id="drift"'), page.indexOf('id="golden"'));
  assert.match(section, /Drift has not run for 2026-W45\./);
  assert.match(section, /assay drift --window 7d --end 2026-11-09/);
  assert.match(section, /The latest drift run \(drift-[^)]+\) covered 2026-11-09 to 2026-11-15/);
  assert.doesNotMatch(section, /<svg/);
});

test('the quarantine of the ingest behind the week is listed by reason', async () => {
  const q = await t.wh.all<{ reason: string; records: number }>('SELECT reason, records FROM quarantine_week WHERE week = $1 ORDER BY reason', [DEMO_WEEK]);
  assert.equal(q.reduce((s, r) => s + r.records, 0), 6, 'the demo plants six bad lines');
  const table = element('dq-quarantine');
  for (const r of q) assert.match(table, new RegExp(`${r.reason}</td>`));
});

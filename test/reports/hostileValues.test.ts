import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../helpers/tempWarehouse.ts';

// Values that production logs can hold and that once broke the page: names of built-in object properties as workflows
// and categories, tenants that differ only in case or only in characters an id cannot keep, and a tenant name with a
// right-to-left override in it.
const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
const RLO = 'evil\u202Eroc.exe';
const TENANTS = ['acme', 'ACME', '@@@', '###', RLO];
const WEEK = '2026-W46';

let t: TempWarehouse;
let out: string;
let html: string;
let json: ReportJson;

/**
 * 20 records a day for each tenant × workflow from 12 Oct to 15 Nov 2026 (the four reference weeks and 2026-W46).
 * In 2026-W46, ACME's toString answers 'unknown' 40% of the time and fails 20%, and acme's falls back 20% of the
 * time: drift flags ACME's category mix, and both tenants' toString rows turn up in the verdict.
 */
function records(): RecordRow[] {
  const rows: RecordRow[] = [];
  for (let d = 0; d < 35; d++) {
    const day = new Date(Date.parse('2026-10-12T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
    const current = day >= '2026-11-09';
    for (const [k, tenant] of TENANTS.entries()) {
      for (const workflow of NAMES) {
        for (let i = 0; i < 20; i++) {
          const spike = current && workflow === 'toString';
          const unknown = spike && tenant === 'ACME' ? i % 5 < 2 : i % 50 === 0;
          rows.push({
            id: `${k}-${workflow}-${day}-${i}`, ts: `${day}T${String(i).padStart(2, '0')}:10:00Z`, tenant_id: tenant, workflow,
            category: unknown ? 'unknown' : NAMES[(i + d) % NAMES.length], confidence: 0.6 + (i % 4) / 10,
            input_tokens: 800 + 10 * i, output_tokens: 200, latency_ms: 300 + 17 * i,
            status: spike && tenant === 'ACME' && i % 5 === 2 ? 'error' : 'ok', fallback: spike && tenant === 'acme' && i % 5 === 0,
          });
        }
      }
    }
  }
  return rows;
}

before(async () => {
  t = await tempWarehouse();
  await insertRecords(t.wh, records());
  await runJob('cost', { week: WEEK }, { wh: t.wh, config: t.config, baseDir: t.dir });
  await runJob('drift', { end: '2026-11-16' }, { wh: t.wh, config: t.config });
  out = join(t.dir, 'reports');
  const r = await runJob<{ output: { html: string; json: string } }>('report', { week: WEEK, out }, { wh: t.wh, config: t.config });
  html = readFileSync(r.result.output.html, 'utf8');
  json = JSON.parse(readFileSync(r.result.output.json, 'utf8')) as ReportJson;
});
after(() => t.cleanup());

/** The HTML of the element with this id. */
function element(page: string, id: string): string {
  const start = page.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no element #${id} in the page`);
  const tag = page.lastIndexOf('<', start);
  const name = /^<(\w+)/.exec(page.slice(tag))![1];
  return page.slice(tag, page.indexOf(`</${name}>`, start) + name.length + 3);
}

const svgTexts = (fragment: string) => [...fragment.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('workflows and categories named toString, constructor, __proto__ or hasOwnProperty are labels on every chart', () => {
  const charts: Record<string, string> = {
    'chart-latency-trend': 'workflow legend', 'chart-volume-trend': 'workflow legend', 'chart-cost-workflow-trend': 'workflow legend', 'chart-drift-heatmap': 'workflow rows',
  };
  for (const [id, what] of Object.entries(charts)) {
    const labels = svgTexts(element(html, id));
    for (const name of NAMES) assert.ok(labels.includes(name), `${id} (${what}) has no label ${name}: ${labels.join(', ')}`);
  }
  const mix = [...html.matchAll(/id="(chart-mix--[^"]+)"/g)].map((m) => m[1]);
  assert.ok(mix.length > 0, 'drift charts the category mix of the segment whose unknown share spiked');
  const labels = svgTexts(element(html, mix[0]));
  for (const name of [...NAMES, 'unknown']) assert.ok(labels.includes(name), `category mix has no label ${name}: ${labels.join(', ')}`);
});

test('every element id on the page is unique, and each verdict line links to a row of its own tenant', () => {
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  assert.deepEqual(repeated, [], 'ids used twice');
  const lines = [...json.verdict.red, ...json.verdict.amber, ...json.verdict.changes];
  const mine = (tenant: string) => lines.filter((l) => l.label.startsWith(`${tenant} · `));
  assert.ok(mine('acme').length > 0 && mine('ACME').length > 0, `verdict lines: ${lines.map((l) => l.label).join(', ')}`);
  for (const tenant of ['acme', 'ACME']) {
    const rows = mine(tenant).flatMap((l) => l.evidence).filter((e) => e.section === 'operations');
    assert.ok(rows.length > 0, `${tenant}'s lines link to operations rows`);
    for (const e of rows) {
      const row = element(html, e.anchor);
      assert.match(row, new RegExp(`^<tr[^>]*><td>${tenant}</td>`), `#${e.anchor} is not ${tenant}'s row: ${row.slice(0, 200)}`);
    }
  }
});

test("a right-to-left override in a tenant name shows as its code point and cannot reverse the page's text", async () => {
  const r = await runJob<{ output: { html: string; json: string } }>('report', { week: WEEK, tenant: RLO, out }, { wh: t.wh, config: t.config });
  const page = readFileSync(r.result.output.html, 'utf8');
  for (const p of [page, html]) assert.doesNotMatch(p, /[\u202A-\u202E\u2066-\u2069]/, 'a bidi control character in the page');
  assert.match(page, /<p class="scope">Tenant evil\[U\+202E\]roc\.exe · generated/);
  assert.ok(page.includes('tenant_id = &#39;evil[U+202E]roc.exe&#39;'), 'the SQL of the page names the tenant visibly');
  assert.ok(html.includes('<td>evil[U+202E]roc.exe</td>'), "the tenant's row in the all-tenant report");
  const stored = JSON.parse(readFileSync(r.result.output.json, 'utf8')) as ReportJson;
  assert.equal(stored.tenant, RLO, 'report.json keeps the exact id');
});

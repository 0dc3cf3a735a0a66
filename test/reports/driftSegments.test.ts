import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { anchorId } from '../../reports/html.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../helpers/tempWarehouse.ts';

// Tenant 'a/b' × workflow 'c' starts failing in 2026-W46: a quarter of its requests error with no category. Tenant
// 'a' × workflow 'b/c' (the same text once joined with '/') keeps its own categories, refund and shipping.
function records(): RecordRow[] {
  const rows: RecordRow[] = [];
  for (let d = Date.UTC(2026, 9, 12); d < Date.UTC(2026, 10, 16); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    const week = day >= '2026-11-09';
    for (let k = 0; k < 150; k++) {
      const ts = `${day}T${String(k % 24).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00Z`;
      const failed = week && k % 4 === 0;
      rows.push({ id: `x-${day}-${k}`, ts, tenant_id: 'a/b', workflow: 'c', category: failed ? null : k % 2 ? 'billing' : 'technical', status: failed ? 'error' : 'ok' });
      rows.push({ id: `y-${day}-${k}`, ts, tenant_id: 'a', workflow: 'b/c', category: k % 2 ? 'refund' : 'shipping' });
    }
  }
  return rows;
}

let t: TempWarehouse;
let json: ReportJson;
let html: string;
let mix: { tenant_id: string | null; workflow: string; category: string; current_requests: number }[];
before(async () => {
  t = await tempWarehouse();
  await insertRecords(t.wh, records());
  const opts = { wh: t.wh, config: t.config, baseDir: t.dir };
  await runJob('drift', { end: '2026-11-16' }, opts);
  await runJob('alerts', {}, opts);
  const out = await runJob<{ output: { html: string; json: string } }>('report', { week: '2026-W46', out: 'reports' }, opts);
  json = JSON.parse(readFileSync(out.result.output.json, 'utf8')) as ReportJson;
  html = readFileSync(out.result.output.html, 'utf8');
  mix = json.datasets.drift_category_mix.rows as typeof mix;
});
after(() => t.cleanup());

test("the category mix of tenant 'a/b' × workflow 'c' is its own, not also tenant 'a' × workflow 'b/c''s", () => {
  assert.ok(mix.some((r) => r.tenant_id === 'a/b' && r.workflow === 'c'), JSON.stringify(mix));
  assert.deepEqual(mix.filter((r) => r.workflow === 'b/c'), [], "tenant a's workflow b/c is no part of a/b · c's mix");
  const start = html.indexOf(`<figure class="chart" id="${anchorId('chart-mix', 'a/b', 'c')}"`);
  assert.ok(start >= 0, 'the mix chart of a/b · c');
  assert.doesNotMatch(html.slice(start, html.indexOf('</figure>', start)), /refund|shipping/);
});

test("a missing category has one label, '(null)', in the category mix, the drift finding and the alert", async () => {
  assert.deepEqual(mix.filter((r) => r.tenant_id === 'a/b' && r.category.startsWith('(')).map((r) => [r.category, r.current_requests]), [['(null)', 7 * 38]]);
  const finding = await t.wh.one<{ new_categories: string[] }>(
    "SELECT new_categories FROM drift_week_summary WHERE week = '2026-W46' AND segment_type = 'tenant_workflow' AND tenant_id = 'a/b' AND metric = 'category'",
  );
  assert.deepEqual(finding?.new_categories, ['(null)']);
  const alert = await t.wh.one<{ message: string }>("SELECT message FROM alerts_active WHERE rule = 'drift' AND tenant_id = 'a/b' AND alert_key LIKE '%|category%'");
  assert.match(alert?.message ?? '', /new categories: \(null\)/);
  assert.doesNotMatch(html, /\(none\)(?! skipped)/, "the page never calls it '(none)'");
});

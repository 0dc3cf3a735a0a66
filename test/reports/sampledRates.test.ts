import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, withWarehouse, type RecordRow } from '../helpers/tempWarehouse.ts';

// One workflow, two tenants whose unknown shares never change: Big Co 2%, Small 20%. In 2026-W45 both are kept
// whole; in W46 Big Co's upstream sampling drops to 10% (200 records standing for 2,000 requests). Counted by
// records, the workflow's unknown rate went 3.6% → 11.0% (z 6.3: a red verdict line); the traffic's stayed 80/2200.
function week(prefix: string, monday: number, tenant: string, records: number, unknown: number, sample_rate: number): RecordRow[] {
  return Array.from({ length: records }, (_, i) => ({
    id: `${prefix}${i}`, ts: `2026-11-${String(monday + (i % 7)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`,
    tenant_id: tenant, workflow: 'triage', category: i < unknown ? 'unknown' : 'billing', sample_rate,
  }));
}

test("one tenant's sampling dropping from 100% to 10% moves no rate of the workflow: the report's rates are the traffic's", () =>
  withWarehouse(async (t) => {
    await insertRecords(t.wh, [
      ...week('b45-', 2, 'Big Co', 2000, 40, 1), ...week('s45-', 2, 'Small', 200, 40, 1),
      ...week('b46-', 9, 'Big Co', 200, 4, 0.1), ...week('s46-', 9, 'Small', 200, 40, 1),
    ]);
    const row = await t.wh.one<Record<string, number>>(
      "SELECT requests, est_requests, effective_n, unknown_rate, prev_unknown_rate, unknown_rate_change, unknown_rate_change_z FROM workflow_week_over_week WHERE week = '2026-W46' AND tenant_id IS NULL AND workflow = 'triage'",
    );
    assert.ok(row);
    assert.deepEqual([row.requests, row.est_requests], [400, 2200]);
    assert.ok(Math.abs(row.unknown_rate - 80 / 2200) < 1e-12, `unknown rate ${row.unknown_rate}`);
    assert.ok(Math.abs(row.prev_unknown_rate - 80 / 2200) < 1e-12);
    assert.ok(Math.abs(row.unknown_rate_change) < 1e-12);
    // Kish: Σw = 2200, Σw² = 200·100 + 200 = 20,200
    assert.ok(Math.abs(row.effective_n - 2200 ** 2 / 20_200) < 1e-9, `effective n ${row.effective_n}`);
    const day = await t.wh.one<{ unknown_rate: number }>("SELECT sum(unknown_rate * est_requests) / sum(est_requests) AS unknown_rate FROM workflow_daily WHERE day >= DATE '2026-11-09'");
    assert.ok(Math.abs(Number(day?.unknown_rate) - 80 / 2200) < 1e-12, 'workflow_daily: the traffic-weighted rates too');

    const out = join(t.dir, 'reports');
    await runJob('report', { week: '2026-W46', out }, { wh: t.wh, config: t.config });
    const json = JSON.parse(readFileSync(join(out, '2026-W46', 'report.json'), 'utf8')) as ReportJson;
    const lines = [...json.verdict.red, ...json.verdict.amber].flatMap((s) => s.statements);
    assert.ok(!lines.some((l) => l.startsWith('unknown answers')), JSON.stringify(lines));
    const html = readFileSync(join(out, '2026-W46', 'report.html'), 'utf8');
    const opsRow = html.match(/<tr id="ops--triage[^"]*">.*?<\/tr>/s)?.[0] ?? '';
    assert.match(opsRow, />3\.6%/, opsRow);
    assert.doesNotMatch(opsRow, /11\.0%/);
  }));

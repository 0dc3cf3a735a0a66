import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AssayError } from '../../data/errors.ts';
import { runJob } from '../../jobs/runJob.ts';
import { reportDirName } from '../../reports/build.ts';
import type { ReportJson } from '../../reports/reportJson.ts';
import { insertRecords, withWarehouse, type RecordRow } from '../helpers/tempWarehouse.ts';

// A tenant whose feed stopped: 150 records in 2026-W45, none in W46 while another tenant goes on. Its W46 report
// is built, and its news is the stop: requests -100%, red. A tenant with no records that week or the week before
// still has no report for it.
test("a tenant whose records stopped gets that week's report, red for requests -100%; with none the week before either, no report", () =>
  withWarehouse(async (t) => {
    const rows: RecordRow[] = [];
    for (let i = 0; i < 150; i++) {
      rows.push({ id: `a${i}`, ts: `2026-11-0${2 + (i % 5)}T10:00:00Z`, tenant_id: 'a', workflow: 'triage' });
      rows.push({ id: `b${i}`, ts: `2026-11-0${2 + (i % 5)}T10:00:00Z`, tenant_id: 'b', workflow: 'triage' });
      rows.push({ id: `c${i}`, ts: `2026-11-${String(9 + (i % 5)).padStart(2, '0')}T10:00:00Z`, tenant_id: 'b', workflow: 'triage' });
    }
    rows.push({ id: 'old', ts: '2026-10-05T10:00:00Z', tenant_id: 'z', workflow: 'triage' });
    await insertRecords(t.wh, rows);
    const out = join(t.dir, 'reports');
    await runJob('report', { week: '2026-W46', tenant: 'a', out }, { wh: t.wh, config: t.config });
    const json = JSON.parse(readFileSync(join(out, reportDirName('2026-W46', 'a'), 'report.json'), 'utf8')) as ReportJson;
    assert.equal(json.verdict.status, 'red');
    assert.deepEqual(json.verdict.red.map((r) => r.statements), [['requests ≈150 → ≈0 (−100%) vs 2026-W45']]);
    await assert.rejects(
      runJob('report', { week: '2026-W46', tenant: 'z', out }, { wh: t.wh, config: t.config }),
      (e: unknown) => e instanceof AssayError && e.code === 'ASSAY_ERR_NO_DATA',
    );
  }));

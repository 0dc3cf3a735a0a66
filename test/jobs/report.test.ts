import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { defaultReportWeek } from '../../reports/isoWeek.ts';
import { generateRecords } from '../evaluators/drift/generateRecords.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  // 2026-10-01 … 2026-11-04: data that stops weeks before today
  await generateRecords(t.wh, { n: 3_000, start: '2026-10-01', days: 35, seed: 3 });
});
after(() => t.cleanup());

test('the default week is the last complete week, or else the latest complete week with records, and says which', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  assert.deepEqual(defaultReportWeek(now, '2026-11-28'), { week: weekLabel('2026-W48'), source: 'the last complete week' });
  const older = defaultReportWeek(now, '2026-11-04');
  assert.equal(older.week.week, '2026-W45');
  assert.equal(older.source, 'the latest complete week with records (2026-W48 has none)');
  assert.equal(defaultReportWeek(now, null).week.week, '2026-W48');
});

test('without --week the report job reports the latest complete week with records, and report.json says how it was chosen', async () => {
  const out = await runJob<{ output: { week: string; week_source: string; json: string } }>('report', { out: join(t.dir, 'reports') }, { wh: t.wh, config: t.config, baseDir: t.dir });
  assert.equal(out.result.output.week, '2026-W45');
  assert.match(out.result.output.week_source, /latest complete week with records/);
  const json = JSON.parse(readFileSync(out.result.output.json, 'utf8')) as { week: string; week_source: string };
  assert.equal(json.week, '2026-W45');
  assert.match(json.week_source, /latest complete week with records/);
});

function weekLabel(label: string) {
  const start = { '2026-W48': '2026-11-23' }[label]!;
  const add = (n: number) => new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return { week: label, start, end: add(7), last: add(6), prev: '2026-W47' };
}

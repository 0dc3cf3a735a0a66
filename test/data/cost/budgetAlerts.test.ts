import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * Budgets that are not whole dollars. Model X costs 1 USD per million input tokens; from Monday 2026-06-01 to
 * Wednesday 06-03 tenant trial spends $0.40 a day, tenant small $1 a day, tenant big $1 sampled at 0.5 (so $2 a
 * day estimated).
 */
let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  writeFileSync(join(t.dir, 'prices.csv'), 'model,input_mtok,output_mtok\nX,1,0\n');
  const days = ['2026-06-01', '2026-06-02', '2026-06-03'];
  await insertRecords(t.wh, days.flatMap((d) => [
    { id: `trial-${d}`, ts: `${d}T10:00:00Z`, tenant_id: 'trial', model: 'X', input_tokens: 400_000 },
    { id: `small-${d}`, ts: `${d}T10:00:00Z`, tenant_id: 'small', model: 'X', input_tokens: 1_000_000 },
    { id: `big-${d}`, ts: `${d}T10:00:00Z`, tenant_id: 'big', model: 'X', input_tokens: 1_000_000, sample_rate: 0.5 },
  ]));
  const config = parseConfig({ cost: { prices_file: 'prices.csv', budgets: { tenants: { trial: 2.5, small: 2.75, big: 1234.5 } } } }, '(test)');
  await runJob('cost', {}, { wh: t.wh, config, baseDir: t.dir });
});
after(() => t.cleanup());

test('a budget alert names the budget as configured, not rounded to whole dollars', async () => {
  const rows = await t.wh.all<{ scope_id: string; message: string }>(`SELECT scope_id, message FROM budget_alerts ORDER BY scope_id`);
  // trial: $1.20 by the 3rd, forecast 1.20 + 27 × 0.40 = 12.00 = 480% of 2.50; small: $3 spent of 2.75 = 109%;
  // big: 6 + 27 × 2 = 60, 4.9% of 1234.50: no alert
  assert.deepEqual(rows, [
    { scope_id: 'small', message: 'tenant small: over budget 109% of $2.75 for 2026-06' },
    { scope_id: 'trial', message: 'tenant trial: forecast 480% of $2.5 for 2026-06' },
  ]);
});

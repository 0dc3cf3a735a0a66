import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
});
after(() => t.cleanup());

test('utc_day and utc_week_start give the same days as date_trunc in UTC, before and after 1970 and at week boundaries', async () => {
  const r = await t.wh.one<{ wrong: number; n: number }>(
    `SELECT count(*) FILTER (WHERE utc_day(t) <> CAST(date_trunc('day', t) AS DATE) OR utc_week_start(t) <> CAST(date_trunc('week', t) AS DATE)) AS wrong,
            count(*) AS n
     FROM (SELECT TIMESTAMPTZ '1901-03-04 00:00:00+00' + to_seconds(i * 7919) AS t FROM range(200000) r(i)
           UNION ALL SELECT unnest([TIMESTAMPTZ '2026-11-15 23:59:59.999999+00', TIMESTAMPTZ '2026-11-16 00:00:00+00',
                                    TIMESTAMPTZ '1969-12-31 23:59:59.5+00', TIMESTAMPTZ '2026-11-16 01:30:00+02']))`,
  );
  assert.deepEqual(r, { wrong: 0, n: 200004 });
  const monday = await t.wh.one<{ d: string; w: string }>(`SELECT utc_day(TIMESTAMPTZ '2026-11-16 01:30:00+02') AS d, utc_week_start(TIMESTAMPTZ '2026-11-16 01:30:00+02') AS w`);
  assert.deepEqual(monday, { d: '2026-11-15', w: '2026-11-09' }, '01:30 in UTC+2 is still Sunday in UTC');
});

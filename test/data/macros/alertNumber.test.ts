import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

test('alert_number rounds half away from zero, as the report and the CLI do (2248.5 ms is 2,249, not 2,248)', () =>
  withWarehouse(async (t) => {
    assert.deepEqual(
      await t.wh.one(`SELECT alert_number(2248.5) AS a, alert_number(2247.5) AS b, alert_number(-2248.5) AS c, alert_number(12.345) AS d, alert_number(NULL) AS e`),
      { a: '2,249', b: '2,248', c: '-2,249', d: '12.35', e: '?' },
    );
  }));

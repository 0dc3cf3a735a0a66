import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inlineParams, paramsUsed, readsOf } from '../../reports/datasets.ts';

const SQL = `-- reads $not_a_param FROM nowhere
WITH weeks AS MATERIALIZED (SELECT * FROM cost_by_tenant_week WHERE week = $week), totals AS (SELECT sum(x) FROM weeks)
SELECT * FROM weeks JOIN drift_week_runs USING (week) WHERE ($tenant IS NULL OR tenant_id = $tenant) AND list_contains($segments, s)`;

test('a dataset query names its parameters and the views it reads, and writes its parameters in for an analyst', () => {
  assert.deepEqual(paramsUsed(SQL), ['week', 'tenant', 'segments']);
  assert.deepEqual(readsOf(SQL), ['cost_by_tenant_week', 'drift_week_runs']);
  const inlined = inlineParams(SQL, { week: '2026-W46', tenant: "o'hara", segments: ['a', 'b'] });
  assert.doesNotMatch(inlined, /\$|--/);
  assert.match(inlined, /week = '2026-W46'/);
  assert.match(inlined, /tenant_id = 'o''hara'/);
  assert.match(inlined, /list_contains\(\['a', 'b'\], s\)/);
  assert.match(inlineParams('SELECT $tenant IS NULL', { tenant: null }), /SELECT NULL IS NULL/);
});

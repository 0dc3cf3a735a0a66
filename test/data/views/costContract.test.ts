import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * The columns the weekly report reads (the contract between the cost views and the report, see docs/cost.md):
 * names and types must not drift, whatever else is added.
 */
const MEASURES = ['requests', 'est_requests', 'unpriced_requests', 'cost_usd', 'est_cost_usd'];
const CONTRACT: Record<string, string[]> = {
  record_costs: ['id', 'ts', 'day', 'week', 'week_start', 'tenant_id', 'workflow', 'model', 'prompt_version', 'status', 'fallback', 'human_override',
    'sample_rate', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'price_id', 'priced', 'cost_usd', 'est_cost_usd'],
  cost_by_day: ['day', 'tenant_id', 'workflow', 'model', 'prompt_version', 'requests', 'est_requests', 'input_tokens', 'cached_input_tokens',
    'output_tokens', 'unpriced_requests', 'cost_usd', 'est_cost_usd'],
  cost_by_tenant_week: ['week', 'week_start', 'tenant_id', ...MEASURES],
  cost_by_workflow_week: ['week', 'week_start', 'workflow', ...MEASURES],
  cost_by_model_week: ['week', 'week_start', 'model', ...MEASURES],
  cost_per_successful_request: ['week', 'week_start', 'tenant_id', 'workflow', 'requests', 'successful_requests', 'est_cost_usd', 'est_cost_per_successful_request'],
  cost_waste_week: ['week', 'week_start', 'tenant_id', 'workflow', 'est_cost_usd', 'est_fallback_cost_usd', 'est_failed_cost_usd', 'fallback_share', 'failed_share'],
  unpriced_models: ['week', 'week_start', 'model', 'requests', 'est_requests', 'tenants', 'first_seen', 'last_seen'],
  budget_burn_daily: ['day', 'month', 'scope', 'scope_id', 'budget_usd', 'mtd_est_cost_usd', 'forecast_linear_usd', 'forecast_weekday_usd', 'burn_ratio', 'forecast_burn_ratio'],
  cost_change_week: ['week', 'week_start', 'prev_week', 'scope', 'scope_id', 'prev_est_cost_usd', 'est_cost_usd', 'delta_usd', 'volume_effect_usd',
    'mix_effect_usd', 'tokens_effect_usd', 'price_effect_usd'],
};
const TYPES: Record<string, string> = {
  day: 'DATE', week: 'VARCHAR', week_start: 'DATE', month: 'VARCHAR', priced: 'BOOLEAN', price_id: 'VARCHAR', ts: 'TIMESTAMP WITH TIME ZONE',
};

test('every cost view the report reads has the contract columns, money as DOUBLE, days as DATE, weeks as YYYY-Www text', async () => {
  const t = await tempWarehouse();
  try {
    for (const [view, columns] of Object.entries(CONTRACT)) {
      const got = new Map((await t.wh.all<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $1', [view],
      )).map((c) => [c.column_name, c.data_type]));
      for (const c of columns) {
        assert.ok(got.has(c), `${view}.${c}`);
        const want = TYPES[c] ?? (/usd|share|ratio/.test(c) ? 'DOUBLE' : undefined);
        if (want) assert.equal(got.get(c), want, `${view}.${c}`);
      }
    }
  } finally {
    t.cleanup();
  }
});

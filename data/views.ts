import { sqlFile } from './sql.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * Every named view, in dependency order. The file data/views/<name>.sql holds its SELECT;
 * the view has the same name in the warehouse, so analysts and reports query the same thing.
 */
export const VIEWS = [
  'job_runs_latest',
  'quarantine_by_reason',
  'ingest_batches',
  'ingest_week',
  'quarantine_week',
  'unknown_set',
  'workflow_daily',
  'workflow_week_over_week',
  'workflow_week',
  'drift_latest', 'unknown_rate_daily', 'drift_heatmap_daily',
  'drift_week_runs', 'drift_week_summary', 'drift_week_insufficient', 'unknown_rate_week_daily', 'drift_heatmap_week', 'category_mix_week',
  'record_costs', 'cost_by_day', 'cost_by_tenant_week', 'cost_by_workflow_week', 'cost_by_model_week',
  'cost_per_successful_request', 'cost_waste_week', 'unpriced_models', 'unpriced_model_alerts',
  'budget_burn_daily', 'budget_alerts', 'cost_change_week_model', 'cost_change_week',
  'alerts_active', 'alert_events_week',
] as const;

export type ViewName = (typeof VIEWS)[number];

export async function createViews(wh: Warehouse): Promise<void> {
  for (const name of VIEWS) {
    await wh.run(`CREATE OR REPLACE VIEW ${name} AS\n${sqlFile(`views/${name}`)}`);
  }
}

/**
 * Makes the views' unknown_rate count the configured unknown categories (drift.unknown_categories; null: a
 * missing category), as the drift tests do: runJob calls it before every job, so the weekly report's rates and its
 * drift section agree. Writes only when the set changed.
 */
export async function setUnknownCategories(wh: Warehouse, categories: readonly (string | null)[]): Promise<void> {
  const key = (c: string | null) => (c === null ? '\u0000null' : `=${c}`);
  const want = [...new Set(categories.map(key))].sort();
  const have = (await wh.all<{ category: string | null }>('SELECT category FROM unknown_categories')).map((r) => key(r.category)).sort();
  if (want.length === have.length && want.every((k, i) => k === have[i])) return;
  await wh.transaction(async () => {
    await wh.run('DELETE FROM unknown_categories');
    await wh.run('INSERT INTO unknown_categories SELECT unnest(CAST($1 AS VARCHAR[]))', [categories.filter((c): c is string => c !== null)]);
    if (categories.includes(null)) await wh.run('INSERT INTO unknown_categories VALUES (NULL)');
  });
}

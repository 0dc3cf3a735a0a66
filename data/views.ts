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

import type { Warehouse } from '../warehouse.ts';
import type { CostConfig } from './config.ts';
import { insertJson } from './insertJson.ts';

/** Writes cost.budgets and cost.alerts to cost_budgets and cost_alert_rules, replacing the previous set, so views can read them. */
export async function storeCostSettings(wh: Warehouse, cfg: CostConfig, runId: string): Promise<{ budgets: number }> {
  const budgets = [
    ...Object.entries(cfg.budgets.tenants).map(([scope_id, usd]) => ({ scope: 'tenant', scope_id, monthly_budget_usd: usd, run_id: runId })),
    ...Object.entries(cfg.budgets.workflows).map(([scope_id, usd]) => ({ scope: 'workflow', scope_id, monthly_budget_usd: usd, run_id: runId })),
  ];
  await wh.run('DELETE FROM cost_budgets; DELETE FROM cost_alert_rules');
  await insertJson(wh, 'cost_budgets', 'scope VARCHAR, scope_id VARCHAR, monthly_budget_usd DOUBLE, run_id VARCHAR', budgets);
  await insertJson(wh, 'cost_alert_rules', 'rule VARCHAR, threshold DOUBLE, run_id VARCHAR', Object.entries(cfg.alerts).map(([rule, threshold]) => ({ rule, threshold, run_id: runId })));
  return { budgets: budgets.length };
}

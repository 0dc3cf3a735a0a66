import { sqlFile } from '../sql.ts';
import type { Row, Warehouse } from '../warehouse.ts';

export const BREAKDOWNS = { tenants: 'tenant_id', workflows: 'workflow', models: 'model' } as const;

export interface WeekTotals {
  requests: number;
  est_requests: number | null;
  min_sample_rate: number | null;
  max_sample_rate: number | null;
  unpriced_requests: number;
  cost_usd: number | null;
  est_cost_usd: number | null;
  days_with_data: number;
}

/** Everything `assay cost` shows for one week; each table names the view or query it came from. */
export interface WeekSummary {
  week: string;
  week_start: string;
  tenant: string | null;
  totals: WeekTotals;
  tenants: Row[];
  workflows: Row[];
  models: Row[];
  cost_per_successful_request: Row[];
  waste: Row[];
  budgets: Row[];
  changes: Row[];
  change_drivers: Row[];
  unpriced_models: Row[];
  alerts: { unpriced: Row[]; budget: Row[] };
  sources: Record<string, string>;
}

const dropWeek = (rows: Row[]) => rows.map(({ week: _w, week_start: _s, ...r }) => r);

/** Reads the week's figures from the cost views (and ts-filtered queries over record_costs for the breakdowns). */
export async function weekSummary(wh: Warehouse, week: string, weekStart: string, tenant: string | null): Promise<WeekSummary> {
  const p = { week_start: weekStart, tenant };
  const totals = (await wh.one<WeekTotals>(sqlFile('queries/cost/week_totals'), p))!;
  const breakdown = async (dim: (typeof BREAKDOWNS)[keyof typeof BREAKDOWNS]) =>
    wh.all(sqlFile('queries/cost/week_breakdown').replaceAll('/*dimension*/', dim), p);
  const [tenants, workflows, models] = [await breakdown('tenant_id'), await breakdown('workflow'), await breakdown('model')];
  const changes = await wh.all(
    `SELECT c.*, c.delta_usd / nullif(c.prev_est_cost_usd, 0) AS delta_share FROM cost_change_week c
     WHERE c.week_start = CAST($week_start AS DATE) AND ($tenant IS NULL OR (c.scope = 'tenant' AND c.scope_id = $tenant))
     ORDER BY c.scope, abs(c.delta_usd) DESC, c.scope_id`,
    p,
  );
  const prevByTenant = new Map(changes.filter((c) => c.scope === 'tenant').map((c) => [c.scope_id, c]));
  return {
    week,
    week_start: weekStart,
    tenant,
    totals,
    tenants: tenants.map((t) => ({ ...t, prev_est_cost_usd: prevByTenant.get(t.key)?.prev_est_cost_usd ?? null, delta_usd: prevByTenant.get(t.key)?.delta_usd ?? null })),
    workflows,
    models,
    cost_per_successful_request: dropWeek(await wh.all(
      `SELECT * FROM cost_per_successful_request WHERE week_start = CAST($week_start AS DATE) AND ($tenant IS NULL OR tenant_id = $tenant)
       ORDER BY est_cost_usd DESC NULLS LAST, tenant_id, workflow`,
      p,
    )),
    waste: dropWeek(await wh.all(
      `SELECT * FROM cost_waste_week WHERE week_start = CAST($week_start AS DATE) AND ($tenant IS NULL OR tenant_id = $tenant)
       ORDER BY coalesce(est_fallback_cost_usd, 0) + coalesce(est_failed_cost_usd, 0) DESC, tenant_id, workflow`,
      p,
    )),
    budgets: await wh.all(
      `SELECT * FROM budget_burn_daily
       WHERE day = (SELECT max(day) FROM budget_burn_daily WHERE day <= CAST($week_start AS DATE) + 6)
         AND ($tenant IS NULL OR (scope = 'tenant' AND scope_id = $tenant))
       ORDER BY forecast_burn_ratio DESC NULLS LAST, scope, scope_id`,
      p,
    ),
    changes: dropWeek(changes),
    change_drivers: dropWeek(await wh.all(
      `SELECT * FROM cost_change_week_model
       WHERE week_start = CAST($week_start AS DATE) AND ($tenant IS NULL OR (scope = 'tenant' AND scope_id = $tenant))
       ORDER BY abs(delta_usd) DESC, scope, scope_id, model LIMIT 10`,
      p,
    )),
    unpriced_models: await wh.all(sqlFile('queries/cost/week_unpriced'), p),
    alerts: {
      unpriced: await wh.all('SELECT message, model, requests, threshold FROM unpriced_model_alerts WHERE week_start = CAST($week_start AS DATE) ORDER BY requests DESC', { week_start: weekStart }),
      budget: await wh.all(
        `SELECT message, scope, scope_id, forecast_burn_ratio, threshold FROM budget_alerts
         WHERE month = strftime(CAST($week_start AS DATE) + 6, '%Y-%m') ORDER BY forecast_burn_ratio DESC`,
        { week_start: weekStart },
      ),
    },
    sources: {
      totals: 'data/queries/cost/week_totals.sql (record_costs)',
      tenants: 'data/queries/cost/week_breakdown.sql (record_costs by tenant_id); prev/delta: cost_change_week',
      workflows: 'data/queries/cost/week_breakdown.sql (record_costs by workflow)',
      models: 'data/queries/cost/week_breakdown.sql (record_costs by model)',
      cost_per_successful_request: 'cost_per_successful_request',
      waste: 'cost_waste_week',
      budgets: 'budget_burn_daily (last day with data in the week)',
      changes: 'cost_change_week',
      change_drivers: 'cost_change_week_model',
      unpriced_models: 'data/queries/cost/week_unpriced.sql (record_costs); alerts: unpriced_model_alerts, budget_alerts',
    },
  };
}

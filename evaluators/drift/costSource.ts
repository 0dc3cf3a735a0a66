import type { Warehouse } from '../../data/warehouse.ts';

/**
 * Per-request cost for cost drift comes from the cost module's priced view, when one exists. The one
 * place that knows its name: the first of these views that has `id` and `cost_usd` columns is used.
 */
const CANDIDATES = ['record_costs', 'records_priced', 'priced_records', 'cost_by_record'] as const;

/**
 * (Re)creates the temp view drift_record_cost(id, cost_usd) that data/queries/drift/numeric_values.sql
 * joins; empty when no priced view exists or no record in it has a cost. Returns the view used, or null
 * (cost drift is then skipped).
 */
export async function prepareCostSource(wh: Warehouse): Promise<string | null> {
  const found = await wh.all<{ view_name: string }>(
    `SELECT table_name AS view_name FROM duckdb_columns()
     WHERE table_name IN (SELECT unnest($names)) AND NOT internal AND column_name IN ('id', 'cost_usd')
     GROUP BY table_name HAVING count(DISTINCT column_name) = 2`,
    { names: [...CANDIDATES] },
  );
  const named = CANDIDATES.find((c) => found.some((f) => f.view_name === c)) ?? null;
  // A priced view over records none of which has a price (no price table loaded, only unknown models) has no cost to compare.
  const view = named && (await wh.one<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${named}" WHERE cost_usd IS NOT NULL) AS any`))?.any ? named : null;
  await wh.run(
    view
      ? `CREATE OR REPLACE TEMP VIEW drift_record_cost AS SELECT id, CAST(cost_usd AS DOUBLE) AS cost_usd FROM "${view}"`
      : `CREATE OR REPLACE TEMP VIEW drift_record_cost AS SELECT CAST(NULL AS VARCHAR) AS id, CAST(NULL AS DOUBLE) AS cost_usd LIMIT 0`,
  );
  return view;
}

-- Cost per tenant × workflow and week with the cost per successful request, over the trend weeks, with the week
-- before's cost, the change and the share of the week (a tenant's report keeps its own rows: its per-workflow cost).
SELECT *,
       max(est_cost_usd) OVER week_before AS prev_est_cost_usd,
       est_cost_usd / nullif(max(est_cost_usd) OVER week_before, 0) - 1 AS cost_change,
       est_cost_usd / nullif(sum(est_cost_usd) OVER (PARTITION BY week_start), 0) AS share
FROM cost_per_successful_request
WHERE week_start > CAST($week_start AS DATE) - INTERVAL (7 * ($trend_weeks + 1)) DAY AND week_start <= CAST($week_start AS DATE)
  AND ($tenant IS NULL OR tenant_id = $tenant)
WINDOW week_before AS (PARTITION BY tenant_id, workflow ORDER BY week_start RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 7 DAY PRECEDING)
QUALIFY week_start > CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY
ORDER BY week_start, tenant_id, workflow

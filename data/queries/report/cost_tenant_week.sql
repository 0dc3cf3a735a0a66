-- Estimated cost per tenant in the report week beside the week before, with the change and the share of the week,
-- and, in the all-tenant report, a total row (tenant_id NULL).
WITH weeks AS MATERIALIZED (
  SELECT * FROM cost_by_tenant_week WHERE week_start IN (CAST($week_start AS DATE), CAST($week_start AS DATE) - 7) AND ($tenant IS NULL OR tenant_id = $tenant)
), rows AS (
  SELECT week, week_start, tenant_id, requests, est_requests, unpriced_requests, est_cost_usd FROM weeks
  UNION ALL
  SELECT week, week_start, NULL, sum(requests), sum(est_requests), sum(unpriced_requests), sum(est_cost_usd) FROM weeks WHERE $tenant IS NULL GROUP BY week, week_start
)
SELECT *,
       max(est_cost_usd) OVER week_before AS prev_est_cost_usd,
       est_cost_usd / nullif(max(est_cost_usd) OVER week_before, 0) - 1 AS cost_change,
       est_cost_usd / nullif(sum(est_cost_usd) FILTER (WHERE tenant_id IS NOT NULL) OVER (PARTITION BY week_start), 0) AS share
FROM rows
WINDOW week_before AS (PARTITION BY tenant_id ORDER BY week_start RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 7 DAY PRECEDING)
QUALIFY week = $week
ORDER BY tenant_id NULLS FIRST, est_cost_usd DESC NULLS LAST

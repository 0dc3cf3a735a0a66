-- Estimated cost per tenant in the report week beside the week before, with the change and the share of the week.
SELECT *,
       max(est_cost_usd) OVER week_before AS prev_est_cost_usd,
       est_cost_usd / nullif(max(est_cost_usd) OVER week_before, 0) - 1 AS cost_change,
       est_cost_usd / nullif(sum(est_cost_usd) OVER (PARTITION BY week_start), 0) AS share
FROM cost_by_tenant_week
WHERE week IN ($week, $prev_week)
WINDOW week_before AS (PARTITION BY tenant_id ORDER BY week_start RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 7 DAY PRECEDING)
QUALIFY week = $week
ORDER BY est_cost_usd DESC NULLS LAST, tenant_id

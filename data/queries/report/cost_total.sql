-- Estimated cost of the report week beside the week before (the tenant's, or every tenant's together).
WITH w AS (
  SELECT week, sum(requests) AS requests, sum(est_requests) AS est_requests, sum(unpriced_requests) AS unpriced_requests,
         sum(est_cost_usd) AS est_cost_usd
  FROM cost_by_tenant_week
  WHERE week IN ($week, $prev_week) AND ($tenant IS NULL OR tenant_id = $tenant)
  GROUP BY week
)
SELECT c.week, c.requests, c.est_requests, c.unpriced_requests, c.est_cost_usd, p.est_cost_usd AS prev_est_cost_usd,
       c.est_cost_usd / nullif(p.est_cost_usd, 0) - 1 AS cost_change
FROM w c LEFT JOIN w p ON p.week = $prev_week
WHERE c.week = $week

-- One tenant's estimated cost per logged model and week over the trend weeks (cost_by_model_week mixes tenants),
-- with the week before's cost, the change and the share of the week.
WITH weekly AS (
  SELECT iso_week(CAST(date_trunc('week', day) AS DATE)) AS week, CAST(date_trunc('week', day) AS DATE) AS week_start, model,
         sum(requests) AS requests, sum(est_requests) AS est_requests, sum(unpriced_requests) AS unpriced_requests,
         sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(est_cost_usd) AS est_cost_usd
  FROM cost_by_day
  WHERE tenant_id = $tenant AND day >= CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY AND day < CAST($week_end AS DATE)
  GROUP BY ALL
)
SELECT *,
       max(est_cost_usd) OVER week_before AS prev_est_cost_usd,
       est_cost_usd / nullif(max(est_cost_usd) OVER week_before, 0) - 1 AS cost_change,
       est_cost_usd / nullif(sum(est_cost_usd) OVER (PARTITION BY week_start), 0) AS share
FROM weekly
WINDOW week_before AS (PARTITION BY model ORDER BY week_start RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 7 DAY PRECEDING)
QUALIFY week_start > CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY
ORDER BY week_start, est_cost_usd DESC NULLS LAST, model

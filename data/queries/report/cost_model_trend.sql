-- Estimated cost per model and week over the trend weeks up to the report week (all-tenant report), with the
-- cost of the week before (NULL when it had none), the relative change and the share of the week's total.
SELECT *,
       max(est_cost_usd) OVER week_before AS prev_est_cost_usd,
       est_cost_usd / nullif(max(est_cost_usd) OVER week_before, 0) - 1 AS cost_change,
       est_cost_usd / nullif(sum(est_cost_usd) OVER (PARTITION BY week_start), 0) AS share
FROM cost_by_model_week
WHERE week_start > CAST($week_start AS DATE) - INTERVAL (7 * ($trend_weeks + 1)) DAY AND week_start <= CAST($week_start AS DATE)
WINDOW week_before AS (PARTITION BY model ORDER BY week_start RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 7 DAY PRECEDING)
QUALIFY week_start > CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY
ORDER BY week_start, est_cost_usd DESC NULLS LAST, model

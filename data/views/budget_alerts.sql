-- Rows for the budget alert rule: each budget's latest day in each month, when the weekday-aware forecast
-- reaches cost.alerts.budget_forecast_burn_ratio of the budget (cost_alert_rules; 1.0 when the cost job has
-- not run) or the month-to-date cost already exceeds it. The message names the budget as configured ($2.5, not $3).
WITH latest AS (
  SELECT * FROM budget_burn_daily QUALIFY day = max(day) OVER (PARTITION BY scope, scope_id, month)
)
SELECT l.month, l.day, l.scope, l.scope_id, l.budget_usd, l.mtd_est_cost_usd, l.forecast_weekday_usd, l.burn_ratio,
       l.forecast_burn_ratio, a.threshold,
       l.scope || ' ' || l.scope_id || ': ' || CASE WHEN l.burn_ratio >= 1 THEN 'over budget' ELSE 'forecast' END || ' '
         || CAST(round(100 * CASE WHEN l.burn_ratio >= 1 THEN l.burn_ratio ELSE l.forecast_burn_ratio END) AS BIGINT) || '% of $'
         || alert_number(l.budget_usd) || ' for ' || l.month AS message
FROM latest l
CROSS JOIN (SELECT coalesce(max(threshold), 1.0) AS threshold FROM cost_alert_rules WHERE rule = 'budget_forecast_burn_ratio') a
WHERE l.forecast_burn_ratio >= a.threshold OR l.burn_ratio >= 1

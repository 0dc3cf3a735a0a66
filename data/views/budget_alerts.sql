-- Rows for the budget alert rule: each budget's latest day in each month, when the weekday-aware forecast
-- reaches cost.alerts.budget_forecast_burn_ratio of the budget (cost_alert_rules; 1.0 when the cost job has
-- not run) or the month-to-date cost already exceeds it. The message names the budget as configured ($2.5, not $3).
WITH latest AS (
  SELECT * FROM budget_burn_daily QUALIFY day = max(day) OVER (PARTITION BY scope, scope_id, month)
)
SELECT l.month, l.day, l.scope, l.scope_id, l.budget_usd, l.mtd_est_cost_usd, l.forecast_weekday_usd, l.burn_ratio,
       l.forecast_burn_ratio, l.over_budget, a.threshold,
       l.scope || ' ' || l.scope_id || ': ' || CASE WHEN l.over_budget THEN 'over budget' ELSE 'forecast' END || ' '
         || CASE WHEN l.budget_usd = 0
                 THEN printf('$%,.2f of a $0 budget', CASE WHEN l.over_budget THEN l.mtd_est_cost_usd ELSE l.forecast_weekday_usd END)
                 ELSE CAST(round(100 * CASE WHEN l.over_budget THEN l.burn_ratio ELSE l.forecast_burn_ratio END) AS BIGINT) || '% of $' || alert_number(l.budget_usd)
            END || ' for ' || l.month AS message
FROM latest l
CROSS JOIN (SELECT coalesce(max(threshold), 1.0) AS threshold FROM cost_alert_rules WHERE rule = 'budget_forecast_burn_ratio') a
-- a $0 budget (no ratio) alerts on any spend, or on a forecast of any
WHERE l.forecast_burn_ratio >= a.threshold OR l.over_budget OR (l.budget_usd = 0 AND l.forecast_weekday_usd > 0)

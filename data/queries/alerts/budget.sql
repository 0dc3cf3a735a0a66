-- The budget rule: each budget of budget_alerts in the latest month with cost (an earlier month's alert resolves
-- when the month is over). Over budget is high (a $0 budget: any spend); a forecast reaching the threshold (a $0
-- budget: any forecast spend) is $forecast_severity.
SELECT scope || '=' || scope_id || '|' || month AS alert_key,
       CASE WHEN over_budget THEN 'high' ELSE $forecast_severity END AS severity,
       CASE scope WHEN 'tenant' THEN 'tenant ' || scope_id ELSE scope_id END AS subject,
       CASE WHEN over_budget THEN 'over budget: ' ELSE 'budget forecast: ' END
         || CASE WHEN budget_usd = 0
                 -- no share of nothing: a $0 budget (no spend allowed) says what was spent and forecast
                 THEN printf('$%,.2f spent of a $0 budget in %s by %s, forecast $%,.2f', mtd_est_cost_usd, month, day, forecast_weekday_usd)
                 ELSE printf('$%,.2f spent of $%,.2f (%.0f%%) in %s by %s, forecast $%,.2f (%.0f%%)', mtd_est_cost_usd, budget_usd, 100 * burn_ratio,
                             month, day, forecast_weekday_usd, 100 * forecast_burn_ratio)
            END AS message,
       'SELECT * FROM budget_burn_daily WHERE scope = ''' || scope || ''' AND scope_id = ''' || replace(scope_id, '''', '''''') || ''' AND month = ''' || month || ''' ORDER BY day' AS evidence,
       'budget_alerts' AS source_view,
       CASE WHEN scope = 'tenant' THEN scope_id END AS tenant_id,
       iso_week(day) AS data_week
FROM budget_alerts
WHERE month = (SELECT max(month) FROM budget_burn_daily)

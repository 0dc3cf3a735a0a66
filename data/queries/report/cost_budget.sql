-- Budget burn and month-end forecast as of the report week's last day (a tenant's report: its own budget only).
SELECT * FROM budget_burn_daily
WHERE day = CAST($week_last AS DATE) AND ($tenant IS NULL OR (scope = 'tenant' AND scope_id = $tenant))
ORDER BY forecast_burn_ratio DESC NULLS LAST, scope, scope_id

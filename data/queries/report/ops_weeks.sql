-- Volume, latency and rates from workflow_week_over_week, evaluated once for the report: every row of the report
-- week (all tenants: per workflow, per tenant, per tenant × workflow and the total; or the tenant's own rows), and
-- for the trend weeks before it the rows of the report's scope (tenant_id NULL, or the tenant).
SELECT * FROM workflow_week_over_week
WHERE week_start > CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY AND week_start <= CAST($week_start AS DATE)
  AND ($tenant IS NULL OR tenant_id = $tenant)
  AND (week = $week OR tenant_id IS NOT DISTINCT FROM $tenant)
ORDER BY week_start, tenant_id NULLS FIRST, workflow NULLS FIRST

-- Where the week's money bought nothing: the cost of fallbacks, failed and overridden requests per tenant × workflow.
SELECT * FROM cost_waste_week
WHERE week_start = CAST($week_start AS DATE) AND ($tenant IS NULL OR tenant_id = $tenant)
ORDER BY est_fallback_cost_usd + est_failed_cost_usd DESC NULLS LAST, tenant_id, workflow

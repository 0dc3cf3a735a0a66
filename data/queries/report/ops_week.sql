-- Volume, latency and rates of the report week beside the week before: every row of the week for all tenants
-- (tenant_id NULL: per workflow, per tenant, per tenant × workflow, and the total), or the tenant's own rows.
SELECT * FROM workflow_week_over_week
WHERE week = $week AND ($tenant IS NULL OR tenant_id = $tenant)
ORDER BY tenant_id NULLS FIRST, workflow NULLS FIRST

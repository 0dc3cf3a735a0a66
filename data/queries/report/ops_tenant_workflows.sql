-- Every tenant's use of every workflow in the report week beside the week before (all-tenant report only).
SELECT * FROM workflow_week_over_week
WHERE week = $week AND tenant_id IS NOT NULL AND workflow IS NOT NULL
ORDER BY tenant_id, workflow

-- Operations per workflow for the report week beside the week before; the workflow NULL row totals them all.
SELECT * FROM workflow_week_over_week
WHERE week = $week AND tenant_id IS NOT DISTINCT FROM $tenant
ORDER BY workflow NULLS FIRST

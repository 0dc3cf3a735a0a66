-- Worst daily p-chart severity per workflow and day of the week's run (the tenant's own rows in a tenant report).
SELECT * FROM drift_heatmap_week
WHERE week = $week AND tenant_id IS NOT DISTINCT FROM $tenant
ORDER BY workflow, day

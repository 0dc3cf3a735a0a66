-- Segments the week's run could not test, and why.
SELECT * FROM drift_week_insufficient
WHERE week = $week AND ($tenant IS NULL OR (segment_type = 'tenant_workflow' AND tenant_id = $tenant))
ORDER BY reason DESC, segment_type, segment

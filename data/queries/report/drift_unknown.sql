-- The unknown share per workflow (and tenant × workflow) of the week's run, now and before, most severe first.
SELECT * FROM drift_week_summary
WHERE week = $week AND metric = 'unknown_rate' AND segment_type IN ('workflow', 'tenant_workflow')
  AND ($tenant IS NULL OR (segment_type = 'tenant_workflow' AND tenant_id = $tenant))
ORDER BY severity_rank DESC, lead_effect DESC, n_current DESC, segment

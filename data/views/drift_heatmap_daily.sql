-- Workflow × day of the latest drift run's current window: the worst daily p-chart severity over every rate
-- test. Rows with tenant_id NULL cover the whole workflow; the others one tenant's use of it.
SELECT d.day, d.tenant_id, d.workflow,
       max(CASE d.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END) AS severity_rank,
       arg_max(d.severity, CASE d.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END) AS severity,
       arg_max(d.metric, d.z) AS worst_metric,
       max(d.z) AS max_z,
       max(d.requests) AS requests
FROM drift_daily d
WHERE d.run_id = (SELECT run_id FROM drift_runs ORDER BY created_at DESC, run_id DESC LIMIT 1)
  AND d.period = 'current' AND d.segment_type IN ('workflow', 'tenant_workflow')
GROUP BY d.day, d.tenant_id, d.workflow

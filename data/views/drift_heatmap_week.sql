-- Workflow × day of each ISO week (its drift run, see drift_week_runs): the worst daily p-chart severity over
-- every rate test, the metric that gave it and its z. tenant_id NULL covers the whole workflow.
SELECT w.week, w.week_start, d.day, d.tenant_id, d.workflow,
       max(CASE d.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END) AS severity_rank,
       arg_max(d.severity, CASE d.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END * 1e6 + d.z) AS severity,
       arg_max(d.metric, CASE d.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END * 1e6 + d.z) AS worst_metric,
       max(d.z) AS max_z,
       max(d.requests) AS requests
FROM drift_week_runs w JOIN drift_daily d USING (run_id)
WHERE d.period = 'current' AND d.segment_type IN ('workflow', 'tenant_workflow')
GROUP BY ALL

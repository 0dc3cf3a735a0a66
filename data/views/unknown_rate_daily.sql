-- Per day of the latest drift run's windows, tenant and workflow: the unknown share on its p-chart
-- (reference_rate = centre line from the reference window, limits ± 3σ for that day's volume).
SELECT d.day, d.period, d.tenant_id, d.workflow, d.requests, d.count AS unknown_requests, d.rate AS unknown_rate,
       d.centre AS reference_rate, d.lcl AS lower_limit_rate, d.ucl AS upper_limit_rate, d.rate > d.ucl AS above_limit, d.severity
FROM drift_daily d
WHERE d.run_id = (SELECT run_id FROM drift_runs ORDER BY created_at DESC, run_id DESC LIMIT 1)
  AND d.test = 'unknown_rate_spike' AND d.segment_type = 'tenant_workflow'

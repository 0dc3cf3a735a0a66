-- The unknown-share p-chart of each ISO week's drift run (see drift_week_runs), per day of both windows, for every
-- workflow (tenant_id NULL) and tenant × workflow: the rate, the reference centre line and the ±3σ limits for
-- that day's volume; above_limit marks days over the upper limit, spike_start_day the day the spike began.
SELECT w.week, w.week_start, d.run_id, d.day, d.period, d.segment_type, d.segment, d.tenant_id, d.workflow,
       d.requests, d.count AS unknown_requests, d.rate AS unknown_rate,
       d.centre AS reference_rate, d.lcl AS lower_limit_rate, d.ucl AS upper_limit_rate,
       d.period = 'current' AND d.rate > d.ucl AS above_limit, d.severity,
       s.spike_start_day, s.severity AS segment_severity
FROM drift_week_runs w
JOIN drift_daily d USING (run_id)
LEFT JOIN drift_week_summary s ON s.run_id = d.run_id AND s.segment = d.segment AND s.metric = 'unknown_rate'
WHERE d.test = 'unknown_rate_spike' AND d.segment_type IN ('workflow', 'tenant_workflow')

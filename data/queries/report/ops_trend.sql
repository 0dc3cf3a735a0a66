-- Weekly volume and latency per workflow over the trend weeks up to the report week.
SELECT week, week_start, workflow, requests, est_requests, latency_p50_ms, latency_p95_ms, error_rate, unknown_rate
FROM workflow_week_over_week
WHERE week_start > CAST($week_start AS DATE) - INTERVAL (7 * $trend_weeks) DAY AND week_start <= CAST($week_start AS DATE)
  AND tenant_id IS NOT DISTINCT FROM $tenant AND workflow IS NOT NULL
ORDER BY week_start, workflow

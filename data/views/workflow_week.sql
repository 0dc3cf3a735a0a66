-- Per ISO week (YYYY-Www), tenant and workflow: volume, latency and the operational rates.
-- Rates are the traffic's (each record weighs 1/sample_rate); est_requests scales volume back up by 1/sample_rate.
-- The tenant × workflow rows of workflow_week_over_week, which also has every workflow across tenants and the
-- week before's figures (and rows of weeks without records after weeks with them, left out here).
SELECT week, week_start, tenant_id, workflow, requests, est_requests, effective_n, latency_p50_ms, latency_p95_ms,
       error_rate, timeout_rate, fallback_rate, human_override_rate, unknown_rate
FROM workflow_week_over_week
WHERE tenant_id IS NOT NULL AND workflow IS NOT NULL AND requests > 0

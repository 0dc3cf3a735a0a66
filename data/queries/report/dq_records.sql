-- Records of the report week (sampled and estimated) and the effective sample rate, beside the week before.
SELECT week, prev_week, tenant_id, requests, est_requests, effective_sample_rate, prev_requests, prev_est_requests, est_requests_change
FROM workflow_week_over_week
WHERE week = $week AND tenant_id IS NOT DISTINCT FROM $tenant AND workflow IS NULL

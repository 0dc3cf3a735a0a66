-- Rows for the alert rule "unpriced model X: N requests": unpriced_models from cost.alerts.unpriced_min_requests
-- sampled requests a week (cost_alert_rules; 1 when the cost job has not run).
SELECT u.week, u.week_start, u.model, u.requests, u.est_requests, u.tenants, u.unpriced_reason, a.threshold,
       'unpriced model ' || u.model || ': ' || u.requests || CASE WHEN u.requests = 1 THEN ' request' ELSE ' requests' END
         || ' in ' || u.week || ' (' || u.unpriced_reason || ')' AS message
FROM unpriced_models u
CROSS JOIN (SELECT coalesce(max(threshold), 1) AS threshold FROM cost_alert_rules WHERE rule = 'unpriced_min_requests') a
WHERE u.requests >= a.threshold

-- Per ISO week and logged model id: records that could not be priced (no matching entry, no price in effect
-- at their ts, or not resolved yet), with how many tenants and workflows they touch and why.
SELECT iso_week(week_start) AS week, week_start, model,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       count(DISTINCT tenant_id) AS tenants,
       count(DISTINCT workflow) AS workflows,
       min(ts) AS first_seen,
       max(ts) AS last_seen,
       mode(unpriced_reason) AS unpriced_reason
FROM record_costs
WHERE NOT priced
GROUP BY week_start, model

-- The week's unpriced models (optionally one tenant's), most requests first, with why they have no price.
SELECT model, count(*) AS requests, sum(1.0 / sample_rate) AS est_requests, count(DISTINCT tenant_id) AS tenants,
       count(DISTINCT workflow) AS workflows, min(ts) AS first_seen, max(ts) AS last_seen, mode(unpriced_reason) AS unpriced_reason
FROM record_costs
WHERE ts >= CAST($week_start AS DATE) AND ts < CAST($week_start AS DATE) + 7 AND NOT priced AND ($tenant IS NULL OR tenant_id = $tenant)
GROUP BY model
ORDER BY requests DESC, model

-- One tenant's records of the report week whose model no price covers, per model (sampled counts).
SELECT model, sum(unpriced_requests) AS requests, count(DISTINCT workflow) AS workflows
FROM cost_by_day
WHERE tenant_id = $tenant AND day >= CAST($week_start AS DATE) AND day < CAST($week_end AS DATE) AND unpriced_requests > 0
GROUP BY model
ORDER BY requests DESC, model

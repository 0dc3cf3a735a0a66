-- The week's totals for `assay cost` (optionally one tenant): sampled and estimated volume, the sample rates
-- behind the estimates, cost, and what could not be priced. Filters on ts so only the week is read.
SELECT count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       min(sample_rate) AS min_sample_rate,
       max(sample_rate) AS max_sample_rate,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
       sum(cost_usd) AS cost_usd,
       sum(est_cost_usd) AS est_cost_usd,
       count(DISTINCT day) AS days_with_data
FROM record_costs
WHERE ts >= CAST($week_start AS DATE) AND ts < CAST($week_start AS DATE) + 7 AND ($tenant IS NULL OR tenant_id = $tenant)

-- The week by one dimension (the placeholder below: tenant_id, workflow or model, from a closed list in code): cost,
-- its share, cost per successful request, the fallback and failed shares, and how the models were priced.
SELECT /*dimension*/ AS key,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
       sum(est_cost_usd) AS est_cost_usd,
       sum(est_cost_usd) / nullif(sum(sum(est_cost_usd)) OVER (), 0) AS share,
       sum(est_cost_usd) / nullif(sum(1.0 / sample_rate) FILTER (WHERE priced AND status = 'ok' AND NOT human_override), 0) AS est_cost_per_successful_request,
       coalesce(sum(est_cost_usd) FILTER (WHERE fallback), 0) / nullif(sum(est_cost_usd), 0) AS fallback_share,
       coalesce(sum(est_cost_usd) FILTER (WHERE status IN ('error', 'timeout')), 0) / nullif(sum(est_cost_usd), 0) AS failed_share,
       string_agg(DISTINCT price_id, ', ' ORDER BY price_id) AS price_ids
FROM record_costs
WHERE ts >= CAST($week_start AS DATE) AND ts < CAST($week_start AS DATE) + 7 AND ($tenant IS NULL OR tenant_id = $tenant)
GROUP BY /*dimension*/
ORDER BY est_cost_usd DESC NULLS LAST, key

-- Per ISO week, tenant and workflow: what one useful answer costs. Successful = status 'ok' and not
-- overridden by a human. The ratio divides the estimated cost of priced records by the estimated successful
-- priced requests, so unpriced records bias neither side (unpriced_requests says how many were left out).
SELECT iso_week(week_start) AS week, week_start, tenant_id, workflow,
       count(*) AS requests,
       count(*) FILTER (WHERE status = 'ok' AND NOT human_override) AS successful_requests,
       sum(1.0 / sample_rate) FILTER (WHERE status = 'ok' AND NOT human_override) AS est_successful_requests,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
       sum(est_cost_usd) AS est_cost_usd,
       sum(est_cost_usd) / nullif(sum(1.0 / sample_rate) FILTER (WHERE priced), 0) AS est_cost_per_request,
       sum(est_cost_usd) / nullif(sum(1.0 / sample_rate) FILTER (WHERE priced AND status = 'ok' AND NOT human_override), 0)
         AS est_cost_per_successful_request
FROM record_costs
GROUP BY week_start, tenant_id, workflow

-- Per ISO week (UTC) and workflow: requests, tokens and cost, sampled and est_ (scaled by 1/sample_rate).
-- Costs sum priced records only; unpriced_requests (est_unpriced_requests) counts the others.
SELECT iso_week(week_start) AS week, week_start, workflow,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
       sum(1.0 / sample_rate) FILTER (WHERE NOT priced) AS est_unpriced_requests,
       sum(input_tokens) AS input_tokens,
       sum(cached_input_tokens) AS cached_input_tokens,
       sum(output_tokens) AS output_tokens,
       sum(cost_usd) AS cost_usd,
       sum(est_cost_usd) AS est_cost_usd
FROM record_costs
GROUP BY week_start, workflow

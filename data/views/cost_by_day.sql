-- Per UTC day, tenant, workflow, model and prompt version: requests, tokens and cost (sampled and est_ =
-- scaled by 1/sample_rate). Costs sum priced records only; unpriced_requests says how many are missing.
SELECT day, tenant_id, workflow, model, prompt_version,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       sum(input_tokens) AS input_tokens,
       sum(cached_input_tokens) AS cached_input_tokens,
       sum(output_tokens) AS output_tokens,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
       sum(cost_usd) AS cost_usd,
       sum(est_cost_usd) AS est_cost_usd
FROM record_costs
GROUP BY ALL

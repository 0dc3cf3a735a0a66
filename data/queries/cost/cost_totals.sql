-- Stored records from $from on, per tenant, workflow and model, as record_costs prices them now
-- (taken before and after a price change to compare).
SELECT tenant_id, workflow, model,
       count(*) AS requests,
       count(*) FILTER (WHERE priced) AS priced_requests,
       sum(cost_usd) AS cost_usd,
       sum(est_cost_usd) AS est_cost_usd
FROM record_costs
WHERE ts >= CAST($from AS TIMESTAMPTZ)
GROUP BY ALL

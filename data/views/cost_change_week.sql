-- Week-over-week change of the estimated cost of each tenant and each workflow, split into volume, model-mix,
-- tokens-per-request and price effects that add up to delta_usd (sums of cost_change_week_model over models).
SELECT week, week_start, prev_week, scope, scope_id,
       sum(prev_est_requests) AS prev_est_requests,
       sum(est_requests) AS est_requests,
       sum(prev_est_cost_usd) AS prev_est_cost_usd,
       sum(est_cost_usd) AS est_cost_usd,
       sum(delta_usd) AS delta_usd,
       sum(volume_effect_usd) AS volume_effect_usd,
       sum(mix_effect_usd) AS mix_effect_usd,
       sum(tokens_effect_usd) AS tokens_effect_usd,
       sum(price_effect_usd) AS price_effect_usd,
       count(*) FILTER (WHERE prev_est_requests = 0) AS models_added,
       count(*) FILTER (WHERE est_requests = 0) AS models_dropped
FROM cost_change_week_model
GROUP BY week, week_start, prev_week, scope, scope_id

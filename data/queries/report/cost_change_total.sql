-- The whole week's cost change and its split: the sum of the tenant rows of cost_change_week (or the tenant's row).
SELECT week, prev_week, sum(prev_est_cost_usd) AS prev_est_cost_usd, sum(est_cost_usd) AS est_cost_usd, sum(delta_usd) AS delta_usd,
       sum(delta_usd) / nullif(sum(prev_est_cost_usd), 0) AS cost_change,
       sum(volume_effect_usd) AS volume_effect_usd, sum(mix_effect_usd) AS mix_effect_usd,
       sum(tokens_effect_usd) AS tokens_effect_usd, sum(price_effect_usd) AS price_effect_usd
FROM cost_change_week
WHERE week = $week AND scope = 'tenant' AND ($tenant IS NULL OR scope_id = $tenant)
GROUP BY week, prev_week

-- The week's cost change per tenant and per workflow, split into volume, model mix, tokens and price effects, with
-- the relative change, and in the all-tenant report a total row (scope 'total': the sum of the tenant rows). A
-- tenant's report keeps its own row only: workflow rows mix tenants.
WITH c AS MATERIALIZED (
  SELECT * FROM cost_change_week WHERE week = $week AND ($tenant IS NULL OR (scope = 'tenant' AND scope_id = $tenant))
), rows AS (
  SELECT week, prev_week, scope, scope_id, prev_est_cost_usd, est_cost_usd, delta_usd,
         volume_effect_usd, mix_effect_usd, tokens_effect_usd, price_effect_usd, models_added, models_dropped
  FROM c
  UNION ALL
  SELECT week, prev_week, 'total', NULL, sum(prev_est_cost_usd), sum(est_cost_usd), sum(delta_usd),
         sum(volume_effect_usd), sum(mix_effect_usd), sum(tokens_effect_usd), sum(price_effect_usd), NULL, NULL
  FROM c WHERE scope = 'tenant' AND $tenant IS NULL GROUP BY week, prev_week
)
SELECT *, delta_usd / nullif(prev_est_cost_usd, 0) AS cost_change
FROM rows
ORDER BY scope = 'total' DESC, scope, abs(delta_usd) DESC, scope_id

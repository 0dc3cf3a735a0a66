-- The week's cost change per tenant and per workflow, split into volume, model mix, tokens and price effects, with
-- the relative change (a tenant's report keeps its own row: workflow rows mix tenants).
SELECT *, delta_usd / nullif(prev_est_cost_usd, 0) AS cost_change
FROM cost_change_week
WHERE week = $week AND ($tenant IS NULL OR (scope = 'tenant' AND scope_id = $tenant))
ORDER BY scope, abs(delta_usd) DESC, scope_id

-- Old vs new totals per tenant, workflow and model (reprice_old / reprice_new from cost_totals.sql); a group
-- changed when its priced count differs or its cost moved by more than floating-point noise.
CREATE OR REPLACE TEMP TABLE reprice_diff AS
SELECT o.tenant_id, o.workflow, o.model, o.requests,
       o.priced_requests AS old_priced_requests, n.priced_requests AS new_priced_requests,
       o.cost_usd AS old_cost_usd, n.cost_usd AS new_cost_usd,
       o.est_cost_usd AS old_est_cost_usd, n.est_cost_usd AS new_est_cost_usd,
       o.priced_requests <> n.priced_requests
         OR abs(coalesce(n.cost_usd, 0) - coalesce(o.cost_usd, 0))
            > 1e-9 * greatest(abs(coalesce(o.cost_usd, 0)), abs(coalesce(n.cost_usd, 0))) + 1e-12 AS changed
FROM reprice_old o
JOIN reprice_new n ON n.tenant_id = o.tenant_id AND n.workflow = o.workflow AND n.model = o.model

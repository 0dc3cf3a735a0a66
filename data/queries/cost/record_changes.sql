-- Keeps what a price version change did: the changed groups of reprice_diff, old vs new.
INSERT INTO price_version_changes (version, previous_versions, applies_from, tenant_id, workflow, model, requests,
  old_priced_requests, new_priced_requests, old_cost_usd, new_cost_usd, old_est_cost_usd, new_est_cost_usd)
SELECT $version, CAST(CAST($previous AS JSON) AS INTEGER[]), CASE WHEN $from = '-infinity' THEN NULL ELSE CAST($from AS TIMESTAMPTZ) END,
       tenant_id, workflow, model, requests, old_priced_requests, new_priced_requests,
       old_cost_usd, new_cost_usd, old_est_cost_usd, new_est_cost_usd
FROM reprice_diff
WHERE changed

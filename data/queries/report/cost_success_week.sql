-- Cost per successful request per tenant × workflow in the report week (all-tenant report).
SELECT * FROM cost_per_successful_request WHERE week = $week ORDER BY tenant_id, workflow

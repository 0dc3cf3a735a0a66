-- Cost per successful request per tenant × workflow in the report week (all-tenant report).
SELECT * FROM cost_per_successful_request WHERE week_start = CAST($week_start AS DATE) ORDER BY tenant_id, workflow

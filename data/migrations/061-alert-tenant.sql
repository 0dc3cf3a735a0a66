-- The tenant an alert is about, so that a tenant's report shows that tenant's alerts: NULL when the alert is
-- about several tenants (a workflow across tenants, a model, all traffic, a workflow budget). Stored events are
-- filled from what they are about: a drift alert's segment (exact, from drift_results), a tenant budget's scope.
ALTER TABLE alert_events ADD COLUMN tenant_id VARCHAR;
UPDATE alert_events e SET tenant_id = d.tenant_id
FROM (SELECT DISTINCT segment, tenant_id FROM drift_results WHERE segment_type = 'tenant_workflow') d
WHERE e.rule = 'drift' AND split_part(e.alert_key, '|', 1) = d.segment;
UPDATE alert_events SET tenant_id = regexp_extract(alert_key, '^tenant=(.*)\|[^|]*$', 1)
WHERE rule = 'budget' AND starts_with(alert_key, 'tenant=');

-- The alert events of the report week (UTC): what fired, escalated or resolved, its state now and its notifications.
-- A tenant's report: that tenant's alerts only (tenant_id NULL: an alert about several tenants).
SELECT * FROM alert_events_week WHERE week = $week AND ($tenant IS NULL OR tenant_id = $tenant) ORDER BY event_at, event_id

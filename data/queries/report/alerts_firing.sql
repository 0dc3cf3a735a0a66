-- The alerts firing when the report is built, most severe and oldest first, with how their latest notification went.
SELECT a.*, w.delivery, w.deliveries_sent, w.deliveries_failed, w.deliveries_pending, w.deliveries_skipped
FROM alerts_active a LEFT JOIN alert_events_week w ON w.event_id = a.last_event_id
WHERE $tenant IS NULL OR a.tenant_id = $tenant -- a tenant's report: that tenant's alerts only
ORDER BY a.severity_rank DESC, a.fired_at, a.rule, a.subject

-- The alert events of the report week (UTC): what fired, escalated or resolved, its state now and its notifications.
SELECT * FROM alert_events_week WHERE week = $week ORDER BY event_at, event_id

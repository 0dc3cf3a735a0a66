-- The ISO week (UTC) of the data an alert event is about, so that the week's report lists the alerts about its
-- week however late the alerts job ran: a drift alert's current window (the week of its last day), a budget's
-- day, an unpriced model's week. A resolution is about the latest data its rule looked at. NULL for events stored
-- before this column: alert_events_week takes the week they were seen in (event_at).
ALTER TABLE alert_events ADD COLUMN data_week VARCHAR;

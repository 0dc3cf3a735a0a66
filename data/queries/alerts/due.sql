-- The events that notify in this alerts run (temp table alert_due), from alert_silences (config alerts.silences):
-- - this run's events: held (held = true) when a silence in force matches the alert; a held event gets one
--   '(silenced)' delivery, skipped, saying until when and why, so the report and alert_events_week show it
-- - released (released = true): an event held back earlier whose silence has ended while its alert still fires
--   (alerts_active), and that no channel has had yet: it is sent now, so a silence never swallows an alert that
--   outlives it. A resolution held back is not sent later (the alert is over).
CREATE OR REPLACE TEMP TABLE alert_due AS
WITH this_run AS (
  SELECT event_id, alert_silence_now(rule, alert_key) AS silence FROM alert_events WHERE run_id = $run_id
)
SELECT event_id, silence.until IS NOT NULL AS held, false AS released, silence.until AS silenced_until, silence.reason AS silence_reason
FROM this_run
UNION ALL
SELECT a.last_event_id, false, true, NULL, NULL
FROM alerts_active a
WHERE a.run_id <> $run_id
  AND a.silenced_until IS NULL
  AND a.last_event_id IN (SELECT event_id FROM alert_deliveries WHERE channel = $silenced)
  AND a.last_event_id NOT IN (SELECT event_id FROM alert_deliveries WHERE channel <> $silenced)

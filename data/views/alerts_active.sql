-- Alerts firing now: the latest event of each rule × alert key, when it is a firing one. fired_at is when this
-- firing began (its first firing event since the alert last resolved); last_event_at moves on an escalation;
-- severity, subject and message are those of the firing's most severe event (the latest, but for a firing
-- carried over from several per-test drift alerts by migration 067); silenced_until and silence_reason: the
-- silence that holds its notifications back now, if any.
WITH latest AS (
  SELECT * FROM alert_events QUALIFY row_number() OVER (PARTITION BY rule, alert_key ORDER BY event_id DESC) = 1
), resolved AS (
  SELECT rule, alert_key, max(event_id) AS last_resolved_id FROM alert_events WHERE state = 'resolved' GROUP BY ALL
), firing AS (
  SELECT e.*
  FROM alert_events e LEFT JOIN resolved r USING (rule, alert_key)
  WHERE e.state = 'firing' AND e.event_id > coalesce(r.last_resolved_id, -1)
), began AS (
  SELECT rule, alert_key, min(event_at) AS fired_at FROM firing GROUP BY ALL
), top AS (
  SELECT * FROM firing
  QUALIFY row_number() OVER (PARTITION BY rule, alert_key ORDER BY alert_severity_rank(severity) DESC, event_id DESC) = 1
)
SELECT t.rule, t.alert_key, t.severity,
       alert_severity_rank(t.severity) AS severity_rank,
       t.subject, t.message, t.evidence, t.source_view, t.tenant_id, b.fired_at, l.event_at AS last_event_at, l.event_id AS last_event_id, l.run_id,
       alert_silence_now(t.rule, t.alert_key).until AS silenced_until, alert_silence_now(t.rule, t.alert_key).reason AS silence_reason
FROM latest l JOIN began b USING (rule, alert_key) JOIN top t USING (rule, alert_key)
WHERE l.state = 'firing'

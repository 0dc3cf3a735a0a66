-- The state transitions of one alerts run, from the rules' rows now (temp table alert_candidates) against each
-- alert's latest event: an alert fires when it was not firing, or escalates (fires again) when its severity rose;
-- a firing alert no rule yields any more resolves, keeping the subject, message and severity it fired with.
-- A still-firing alert at the same or a lower severity writes nothing: no event, no notification.
-- data_week: a firing is about its rule row's week; a resolution about the latest week its rule looked at in this
-- run (alert_rule_weeks: the rule's dataWeek), or, for a rule disabled or without data, the week it was seen in.
INSERT INTO alert_events (run_id, rule, alert_key, state, severity, subject, message, evidence, source_view, event_at, tenant_id, data_week)
WITH latest AS (
  SELECT * FROM alert_events QUALIFY row_number() OVER (PARTITION BY rule, alert_key ORDER BY event_id DESC) = 1
), now_firing AS (
  SELECT * FROM alert_candidates
  QUALIFY row_number() OVER (PARTITION BY rule, alert_key ORDER BY alert_severity_rank(severity) DESC, message) = 1
)
SELECT $run_id, c.rule, c.alert_key, 'firing', c.severity, c.subject, c.message, c.evidence, c.source_view, now(), c.tenant_id, c.data_week
FROM now_firing c LEFT JOIN latest l USING (rule, alert_key)
WHERE l.state IS DISTINCT FROM 'firing'
   OR alert_severity_rank(c.severity) > alert_severity_rank(l.severity)
UNION ALL
SELECT $run_id, l.rule, l.alert_key, 'resolved', l.severity, l.subject, l.message, l.evidence, l.source_view, now(), l.tenant_id,
       coalesce(w.data_week, iso_week(utc_day(now())))
FROM latest l ANTI JOIN now_firing c USING (rule, alert_key) LEFT JOIN alert_rule_weeks w USING (rule)
WHERE l.state = 'firing'
ORDER BY 2, 3

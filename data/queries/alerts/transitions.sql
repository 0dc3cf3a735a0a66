-- The state transitions of one alerts run, from the rules' rows now (temp table alert_candidates) against the
-- alerts firing (alerts_active): an alert fires when it was not firing, or escalates (fires again) when its
-- severity rose above its firing's; a firing alert no rule yields any more resolves, keeping the subject, message
-- and severity it fired with. A still-firing alert at the same or a lower severity writes nothing: no event, no
-- notification.
-- data_week: a firing is about its rule row's week; a resolution about the latest week its rule looked at in this
-- run (alert_rule_weeks: the rule's dataWeek), or, for a rule disabled or without data, the week it was seen in.
INSERT INTO alert_events (run_id, rule, alert_key, state, severity, subject, message, evidence, source_view, event_at, tenant_id, data_week)
WITH now_firing AS (
  SELECT * FROM alert_candidates
  QUALIFY row_number() OVER (PARTITION BY rule, alert_key ORDER BY alert_severity_rank(severity) DESC, message) = 1
)
SELECT $run_id, c.rule, c.alert_key, 'firing', c.severity, c.subject, c.message, c.evidence, c.source_view, now(), c.tenant_id, c.data_week
FROM now_firing c LEFT JOIN alerts_active a USING (rule, alert_key)
WHERE a.alert_key IS NULL
   OR alert_severity_rank(c.severity) > a.severity_rank
UNION ALL
SELECT $run_id, a.rule, a.alert_key, 'resolved', a.severity, a.subject, a.message, a.evidence, a.source_view, now(), a.tenant_id,
       coalesce(w.data_week, iso_week(utc_day(now())))
FROM alerts_active a ANTI JOIN now_firing c USING (rule, alert_key) LEFT JOIN alert_rule_weeks w USING (rule)
ORDER BY 2, 3

-- Drift alerts are one per segment × metric now ('segment|metric'), no longer one per segment × metric × test
-- ('segment|metric|test'): one numeric shift fired KS, PSI and Wasserstein alike. An old-key alert firing now
-- carries over: the events of its current firing (since it last resolved) move to the new key, so the alerts run
-- that follows sees the segment × metric alert already firing, since the first of them fired, and notifies nothing
-- new (several tests' firings become one alert, at the highest severity among them: alerts_active); when the
-- finding clears it resolves once. Alerts that had resolved keep their history under the old keys.
UPDATE alert_events SET alert_key = m.new_key
FROM (
  WITH drift AS (
    SELECT event_id, alert_key, state FROM alert_events
    WHERE rule = 'drift' AND len(string_split(alert_key, '|')) = 3 -- a segment label writes its own '|' as %7C
  ), open AS (
    SELECT alert_key, max(event_id) FILTER (WHERE state = 'resolved') AS last_resolved
    FROM drift GROUP BY alert_key
    HAVING arg_max(state, event_id) = 'firing'
  )
  SELECT d.event_id, regexp_replace(d.alert_key, '\|[^|]*$', '') AS new_key
  FROM drift d JOIN open o USING (alert_key)
  WHERE d.event_id > coalesce(o.last_resolved, -1)
) m
WHERE alert_events.event_id = m.event_id;

-- Every alert event with the ISO week (UTC) of the data it is about (data_week; for an event stored before that was
-- kept, the week it was seen in), the day it was seen, the alert's state now, and how its notifications went: one row per
-- event, deliveries summed over channels ('email sent · slack failed (3 attempts): connect ECONNREFUSED'); a
-- silenced event's notification reads 'silenced until 2026-12-08 00:00 UTC: <reason>', and if it was sent after the
-- silence ended, its channels follow.
WITH d AS (
  SELECT event_id,
         count(*) FILTER (WHERE status = 'sent') AS sent,
         count(*) FILTER (WHERE status = 'failed') AS failed,
         count(*) FILTER (WHERE status = 'pending') AS pending,
         count(*) FILTER (WHERE status = 'skipped' AND channel <> '(silenced)') AS skipped,
         count(*) FILTER (WHERE channel = '(silenced)') AS silenced,
         string_agg(CASE WHEN channel = '(silenced)' THEN last_error
                         ELSE channel || ' ' || status || CASE WHEN status = 'failed' THEN ' (' || attempts || CASE WHEN attempts = 1 THEN ' attempt' ELSE ' attempts' END || '): ' || coalesce(last_error, '') ELSE '' END END,
                    ' · ' ORDER BY channel) AS delivery
  FROM alert_deliveries GROUP BY event_id
)
SELECT coalesce(e.data_week, iso_week(utc_day(e.event_at))) AS week, utc_day(e.event_at) AS day, e.event_id, e.run_id, e.rule, e.alert_key, e.state, e.severity,
       alert_severity_rank(e.severity) AS severity_rank,
       e.subject, e.message, e.evidence, e.source_view, e.tenant_id, e.event_at, e.data_week,
       CASE WHEN a.last_event_id IS NOT NULL THEN 'firing' ELSE 'resolved' END AS state_now,
       coalesce(d.sent, 0) AS deliveries_sent, coalesce(d.failed, 0) AS deliveries_failed, coalesce(d.pending, 0) AS deliveries_pending,
       coalesce(d.skipped, 0) AS deliveries_skipped, coalesce(d.silenced, 0) AS deliveries_silenced, coalesce(d.delivery, 'no delivery (below every channel''s min_severity)') AS delivery
FROM alert_events e
LEFT JOIN alerts_active a ON a.rule = e.rule AND a.alert_key = e.alert_key
LEFT JOIN d USING (event_id)

-- Silences (config alerts.silences, docs/alerts.md), rewritten from the config by every alerts run so that an
-- analyst sees the ones in force. An alert a silence matches still records its events (alerts_active lists it,
-- with silenced_until), but its notifications wait: the event gets one '(silenced)' delivery, skipped, saying
-- until when and why, and if the alert still fires when the silence ends, the next alerts run sends it.
CREATE TABLE alert_silences (
  rule VARCHAR, -- drift | budget | unpriced_model; NULL: any rule
  alert_key VARCHAR NOT NULL, -- an alert_key, or a prefix of alert keys ending in '*' ('tenant_id=acme/*')
  ends_at TIMESTAMP WITH TIME ZONE NOT NULL,
  reason VARCHAR NOT NULL
);

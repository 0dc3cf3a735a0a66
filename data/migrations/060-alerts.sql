-- Threshold alerts (jobs/alerts.ts, docs/alerts.md). alert_events is the alerts' history: one row per state
-- transition, never one per run, so a still-firing alert leaves no trace between its firing and its resolution.
-- alert_deliveries is the outbox: written in the same transaction as its event, sent after that commits.
CREATE SEQUENCE alert_event_ids;
CREATE TABLE alert_events (
  event_id BIGINT PRIMARY KEY DEFAULT nextval('alert_event_ids'),
  run_id VARCHAR NOT NULL, -- job_runs.run_id of the alerts run that saw the transition
  rule VARCHAR NOT NULL, -- drift | budget | unpriced_model
  alert_key VARCHAR NOT NULL, -- what the alert is about, stable across runs: 'tenant_id=acme/workflow=support_triage|unknown_rate|unknown_rate_spike'
  state VARCHAR NOT NULL, -- firing (started, or escalated to a higher severity) | resolved
  severity VARCHAR NOT NULL, -- low | medium | high (a resolution keeps the severity it had)
  subject VARCHAR NOT NULL, -- 'acme · support_triage'
  message VARCHAR NOT NULL, -- 'unknown rate 2.7% → 11.4%'
  evidence VARCHAR, -- a query over source_view that shows the row behind the alert
  source_view VARCHAR NOT NULL,
  event_at TIMESTAMP WITH TIME ZONE NOT NULL -- when the run saw the transition ("at" is a DuckDB keyword)
);

CREATE TABLE alert_deliveries (
  event_id BIGINT NOT NULL, -- alert_events.event_id
  channel VARCHAR NOT NULL, -- a key of alerts.channels, or '(none)' when no channel is configured
  channel_type VARCHAR, -- email | slack
  status VARCHAR NOT NULL, -- pending | sent | failed | skipped (no channel configured)
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error VARCHAR,
  last_attempt_at TIMESTAMP WITH TIME ZONE,
  sent_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (event_id, channel)
);

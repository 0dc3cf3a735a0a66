-- What those ingest runs quarantined, by reason and field (all-tenant report only).
SELECT * FROM quarantine_week WHERE week = $week ORDER BY records DESC, reason, field

-- The ingest runs that loaded the report week's records or ran during it (all-tenant report only).
SELECT * FROM ingest_week WHERE week = $week ORDER BY started_at, run_id

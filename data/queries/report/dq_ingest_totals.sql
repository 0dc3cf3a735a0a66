-- What the ingest runs behind the report week read and quarantined, together (all-tenant report).
SELECT count(*) AS ingest_runs, sum(records_read) AS records_read, sum(records_quarantined) AS records_quarantined,
       sum(records_quarantined) / nullif(sum(records_read), 0) AS quarantined_share,
       count(*) FILTER (WHERE status <> 'succeeded') AS runs_not_succeeded
FROM ingest_week WHERE week = $week

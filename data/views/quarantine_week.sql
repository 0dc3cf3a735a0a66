-- Quarantined records of the ingest runs behind each ISO week (see ingest_week), by reason and field.
SELECT i.week, i.week_start, q.reason, q.field, count(*) AS records, count(DISTINCT q.source_file) AS files,
       count(DISTINCT q.ingest_run_id) AS ingest_runs
FROM (SELECT DISTINCT week, week_start, run_id FROM ingest_week) i
JOIN quarantine q ON q.ingest_run_id = i.run_id
GROUP BY ALL

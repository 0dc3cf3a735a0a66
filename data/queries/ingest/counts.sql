-- The run's figures, stored in job_runs.counts (and read by the ingest_batches view).
SELECT (SELECT count(*) FROM ingest_rows) AS "read",
       count(*) FILTER (WHERE decision = 'insert') AS loaded,
       (SELECT count(*) FROM ingest_rows WHERE reason IS NOT NULL) AS quarantined,
       count(*) FILTER (WHERE decision = 'duplicate') AS duplicates,
       count(*) FILTER (WHERE decision = 'conflict') AS conflicts,
       count(*) FILTER (WHERE decision = 'sampled_out') AS sampled_out
FROM ingest_route

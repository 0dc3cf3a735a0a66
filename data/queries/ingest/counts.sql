-- The run's figures, stored in job_runs.counts (and read by the ingest_batches view). Every record read has
-- exactly one outcome: read = loaded + quarantined + duplicates + conflicts + sampled_out + filtered.
SELECT (SELECT count(*) FROM ingest_rows) AS "read",
       count(*) FILTER (WHERE p IS NOT NULL AND repeated IS NULL) AS loaded,
       (SELECT count(*) FROM ingest_rows WHERE reason IS NOT NULL AND reason <> 'filtered') AS quarantined,
       (SELECT count(*) FROM ingest_route WHERE decision = 'duplicate') AS duplicates,
       (SELECT count(*) FROM ingest_route WHERE decision = 'conflict') AS conflicts,
       count(*) FILTER (WHERE p IS NULL) AS sampled_out,
       (SELECT count(*) FROM ingest_rows WHERE reason = 'filtered') AS filtered
FROM ingest_kept

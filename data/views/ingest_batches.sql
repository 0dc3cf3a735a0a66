-- One row per ingest run: what was read, loaded, quarantined, skipped as duplicate, and at what sample rate.
SELECT run_id, started_at, status,
       CAST(counts->>'read' AS BIGINT) AS records_read,
       CAST(counts->>'loaded' AS BIGINT) AS records_loaded,
       CAST(counts->>'quarantined' AS BIGINT) AS records_quarantined,
       CAST(counts->>'duplicates' AS BIGINT) AS records_duplicate,
       CAST(counts->>'conflicts' AS BIGINT) AS records_conflicting,
       CAST(counts->>'sampled_out' AS BIGINT) AS records_sampled_out,
       CAST(coalesce(counts->>'sample_rate', params->>'sample_rate') AS DOUBLE) AS sample_rate
FROM job_runs
WHERE job = 'ingest'
ORDER BY started_at

-- One row per ingest run: what was read and what became of it (loaded, quarantined, duplicate, conflicting,
-- sampled out, filtered: together they add up to records_read), and at what sample rate. records_filtered is
-- NULL for runs from before filtered records were counted.
SELECT run_id, started_at, status,
       CAST(counts->>'read' AS BIGINT) AS records_read,
       CAST(counts->>'loaded' AS BIGINT) AS records_loaded,
       CAST(counts->>'quarantined' AS BIGINT) AS records_quarantined,
       CAST(counts->>'duplicates' AS BIGINT) AS records_duplicate,
       CAST(counts->>'conflicts' AS BIGINT) AS records_conflicting,
       CAST(counts->>'sampled_out' AS BIGINT) AS records_sampled_out,
       CAST(counts->>'filtered' AS BIGINT) AS records_filtered,
       CAST(coalesce(counts->>'sample_rate', params->>'sample_rate') AS DOUBLE) AS sample_rate
FROM job_runs
WHERE job = 'ingest'
ORDER BY started_at

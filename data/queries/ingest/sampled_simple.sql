-- Hash sampling without strata: a record is kept when its draw u = sample_u(id) is below the rate,
-- so a given id is always in or always out at a given rate. p = inclusion probability (NULL = sampled out).
SELECT rowid AS rid, id, content_hash, file_idx, source_line,
       CASE WHEN u < $rate THEN CAST($rate AS DOUBLE) END AS p
FROM ingest_batch
WHERE reason IS NULL

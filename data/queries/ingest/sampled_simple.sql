-- Hash sampling without strata: a record is kept when its draw u = sample_u(id) is below the rate,
-- so a given id is always in or always out at a given rate. p = inclusion probability (NULL = sampled out).
SELECT seq AS rid, file_idx, source_line, id, content_hash,
       CASE WHEN u < $rate THEN CAST($rate AS DOUBLE) END AS p
FROM ingest_rows
WHERE reason IS NULL

-- Stratified hash sampling: within each stratum (columns from a closed list in code) keep u < rate,
-- but at least $min_per_stratum records (those with the smallest u). Where the minimum applies, the
-- inclusion probability is kept / stratum size instead of the rate.
SELECT rid, file_idx, source_line, id, content_hash,
       CASE WHEN hits >= $min_per_stratum THEN (CASE WHEN u < $rate THEN CAST($rate AS DOUBLE) END)
            WHEN rank_in_stratum <= $min_per_stratum THEN least(1.0, $min_per_stratum / stratum_size)
       END AS p
FROM (
  SELECT seq AS rid, file_idx, source_line, id, content_hash, u,
         row_number() OVER (PARTITION BY /*strata*/ ORDER BY u, id) AS rank_in_stratum,
         count(*) OVER (PARTITION BY /*strata*/) AS stratum_size,
         count(*) FILTER (WHERE u < $rate) OVER (PARTITION BY /*strata*/) AS hits
  FROM ingest_rows
  WHERE reason IS NULL
)

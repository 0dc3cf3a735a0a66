-- As kept_simple.sql, per stratum (ingest_strata): a stratum the rate would leave with fewer than
-- min_per_stratum records keeps that many instead (the smallest draws), each with probability
-- min / stratum size.
CREATE OR REPLACE TEMP VIEW ingest_kept AS
SELECT r.*,
       CASE WHEN s.hits >= getvariable('ingest_min_per_stratum')
              THEN CASE WHEN sample_u(r.id) < getvariable('ingest_rate') THEN CAST(getvariable('ingest_rate') AS DOUBLE) END
            WHEN sample_u(r.id) <= s.threshold THEN least(1.0, getvariable('ingest_min_per_stratum') / s.size)
       END AS p
FROM ingest_rows r JOIN ingest_strata s USING (/*strata*/)
WHERE r.reason IS NULL

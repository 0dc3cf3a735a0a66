-- The good rows of the run with p, the probability the sample keeps them (NULL: sampled out). A record
-- is kept when its draw sample_u(id) is below the rate, so an id is always in or always out at a given
-- rate. With strata (ingest_strata), a stratum the rate would leave with fewer than min_per_stratum
-- records keeps that many instead (the smallest draws), each with probability min / stratum size.
-- The settings are session variables (SET VARIABLE, bound in code): a view cannot take parameters.
CREATE OR REPLACE TEMP VIEW ingest_kept AS
SELECT r.*,
       CASE WHEN getvariable('ingest_rate') >= 1 AND /*unstratified*/ THEN CAST(1 AS DOUBLE)
            WHEN /*unstratified*/ OR s.hits >= getvariable('ingest_min_per_stratum')
              THEN CASE WHEN sample_u(r.id) < getvariable('ingest_rate') THEN CAST(getvariable('ingest_rate') AS DOUBLE) END
            WHEN sample_u(r.id) <= s.threshold THEN least(1.0, getvariable('ingest_min_per_stratum') / s.size)
       END AS p
FROM ingest_rows r /*strata_join*/
WHERE r.reason IS NULL

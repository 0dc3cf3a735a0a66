-- The good rows of the run with p, the probability the sample keeps them (NULL: sampled out). A record
-- is kept when its draw sample_u(id) is below the rate, so an id is always in or always out at a given
-- rate. The rate is a session variable (SET VARIABLE, bound in code): a view cannot take parameters.
CREATE OR REPLACE TEMP VIEW ingest_kept AS
SELECT r.*,
       CASE WHEN getvariable('ingest_rate') >= 1 THEN CAST(1 AS DOUBLE)
            WHEN sample_u(r.id) < getvariable('ingest_rate') THEN CAST(getvariable('ingest_rate') AS DOUBLE)
       END AS p
FROM ingest_rows r
WHERE r.reason IS NULL

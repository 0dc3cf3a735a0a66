-- Per stratum (columns from a closed list in code) of the run's good rows: its size, how many the rate
-- alone would keep, and the draw of its min_per_stratum-th smallest record (the cut-off when the rate
-- keeps too few). Each id counts once: a copy re-delivered in the same run is a duplicate, not one more request.
CREATE OR REPLACE TEMP TABLE ingest_strata AS
SELECT /*strata*/, count(*) AS size, count(*) FILTER (WHERE u < $rate) AS hits, list_max(min(u, $min_per_stratum)) AS threshold
FROM (SELECT DISTINCT /*strata*/, id, sample_u(id) AS u FROM ingest_rows WHERE reason IS NULL)
GROUP BY ALL

-- The ingest runs behind each ISO week: every run that loaded records with a timestamp in that week, or that
-- started during it (a run that rejected everything still shows). records_for_week counts the week's records the
-- run loaded; the other counts are the whole run's (see ingest_batches).
WITH loaded AS (
  SELECT utc_week_start(ts) AS week_start, ingest_run_id AS run_id, count(*) AS records_for_week
  FROM records
  WHERE ingest_run_id IS NOT NULL
  GROUP BY ALL
),
started AS (
  SELECT utc_week_start(started_at) AS week_start, run_id, 0 AS records_for_week
  FROM ingest_batches
)
SELECT iso_week(p.week_start) AS week, p.week_start, b.run_id, b.started_at, b.status, sum(p.records_for_week) AS records_for_week,
       b.records_read, b.records_loaded, b.records_quarantined, b.records_duplicate, b.records_conflicting,
       b.records_sampled_out, b.records_filtered, b.sample_rate
FROM (SELECT * FROM loaded UNION ALL SELECT * FROM started) p
JOIN ingest_batches b USING (run_id)
GROUP BY ALL

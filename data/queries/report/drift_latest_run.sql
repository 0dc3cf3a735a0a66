-- The most recent drift run of any window: named when the report week has none.
SELECT run_id, created_at, window_start, window_end FROM drift_runs ORDER BY created_at DESC, run_id DESC LIMIT 1

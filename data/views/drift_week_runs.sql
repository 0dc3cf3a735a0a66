-- The drift run behind each ISO week's report: the most recent run whose current window is exactly that week
-- (Monday to the next Monday, exclusive). runs_for_week counts every run that covered it (re-runs replace).
SELECT iso_week(window_start) AS week, window_start AS week_start,
       run_id, created_at, window_start, window_end, reference_start, reference_end,
       unknown_categories, unknown_includes_null, low_confidence_threshold, min_sample_size, fdr, cost_source, skipped,
       count(*) OVER (PARTITION BY window_start) AS runs_for_week
FROM drift_runs
WHERE isodow(window_start) = 1 AND window_end = window_start + INTERVAL 7 DAY
QUALIFY row_number() OVER (PARTITION BY window_start ORDER BY created_at DESC, run_id DESC) = 1

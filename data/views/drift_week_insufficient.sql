-- Segments of each ISO week's drift run (see drift_week_runs) left untested, listed so that "no finding" is never
-- mistaken for "no problem". One row per segment and reason: 'too few records' (fewer than min_sample_size in a
-- window) or 'no values' (the metric is never filled in this segment, e.g. confidence of a generative workflow).
SELECT w.week, w.week_start, r.run_id, r.segment_type, r.segment, r.tenant_id, r.workflow, r.model, r.prompt_version,
       CASE WHEN r.n_current = 0 AND r.n_reference = 0 THEN 'no values' ELSE 'too few records' END AS reason,
       min(r.n_current) AS n_current, min(r.n_reference) AS n_reference, w.min_sample_size,
       list(DISTINCT r.metric ORDER BY r.metric) AS metrics
FROM drift_week_runs w JOIN drift_results r USING (run_id)
WHERE r.severity = 'insufficient_data'
GROUP BY ALL

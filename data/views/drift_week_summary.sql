-- One row per ISO week (its drift run, see drift_week_runs), segment and metric: the worst severity over the
-- tests of that metric, the test that gave it (lead_test, its effect, adjusted p-value and high band), every test's
-- effect, and the figures a reader needs — rates now and before, p50/p95 now and before, new and vanished
-- categories, the p-chart's spike start day. Segments with insufficient data are in drift_week_insufficient.
WITH graded AS (
  SELECT w.week, w.week_start, r.*,
         CASE r.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END AS severity_rank
  FROM drift_week_runs w JOIN drift_results r USING (run_id)
  WHERE r.severity <> 'insufficient_data'
)
SELECT week, week_start, run_id, segment_type, segment, tenant_id, workflow, model, prompt_version, metric,
       CASE WHEN metric = 'category' THEN 'category' WHEN metric LIKE '%\_rate' ESCAPE '\' THEN 'rate' ELSE 'numeric' END AS kind,
       arg_max(severity, severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0)) AS severity,
       max(severity_rank) AS severity_rank,
       arg_max(test, severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0)) AS lead_test,
       arg_max(effect, severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0)) AS lead_effect,
       arg_max(p_adjusted, severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0)) AS lead_p_adjusted,
       arg_max(CAST(details->'bands'->>'high' AS DOUBLE), severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0)) AS lead_high_band,
       list({'test': test, 'effect': effect, 'p_adjusted': p_adjusted, 'severity': severity} ORDER BY test) AS tests,
       max(n_current) AS n_current, max(n_reference) AS n_reference,
       CAST(any_value(details->>'current_rate') AS DOUBLE) AS current_rate,
       CAST(any_value(details->>'reference_rate') AS DOUBLE) AS reference_rate,
       CAST(any_value(details->>'since_start_rate') AS DOUBLE) AS since_start_rate,
       CAST(any_value(details->>'spike_start_day') AS DATE) AS spike_start_day,
       CAST(any_value(details->'current'->>'p50') AS DOUBLE) AS current_p50,
       CAST(any_value(details->'current'->>'p95') AS DOUBLE) AS current_p95,
       CAST(any_value(details->'reference'->>'p50') AS DOUBLE) AS reference_p50,
       CAST(any_value(details->'reference'->>'p95') AS DOUBLE) AS reference_p95,
       CAST(any_value(details->'new_categories') AS VARCHAR[]) AS new_categories,
       CAST(any_value(details->'vanished_categories') AS VARCHAR[]) AS vanished_categories
FROM graded
GROUP BY ALL

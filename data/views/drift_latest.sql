-- The results of the most recent drift run, most severe first (severity_rank: high 4 … insufficient_data 0).
SELECT r.*,
       CASE r.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'none' THEN 1 ELSE 0 END AS severity_rank
FROM drift_results r
WHERE r.run_id = (SELECT run_id FROM drift_runs ORDER BY created_at DESC, run_id DESC LIMIT 1)

-- The daily unknown-share p-chart of the charted segments ($segments) for the week's run.
SELECT * FROM unknown_rate_week_daily
WHERE week = $week AND list_contains($segments, segment)
  AND ($tenant IS NULL OR (segment_type = 'tenant_workflow' AND tenant_id = $tenant))
ORDER BY segment, day

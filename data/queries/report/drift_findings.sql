-- Drift findings (severity low or above) of the week's run, per segment and metric, most severe first. A tenant's
-- report keeps that tenant's segments only: every other segment mixes tenants.
SELECT * FROM drift_week_summary
WHERE week = $week AND severity_rank >= 2
  AND ($tenant IS NULL OR (segment_type = 'tenant_workflow' AND tenant_id = $tenant))
ORDER BY severity_rank DESC, lead_effect / coalesce(nullif(lead_high_band, 0), 1) DESC, segment, metric

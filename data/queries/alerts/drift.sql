-- The drift rule: one alert per segment × metric of the latest drift run whose worst test is at or above
-- $min_severity_rank (drift_latest.severity_rank: low 2, medium 3, high 4), in the segment types asked for. One
-- numeric shift moves KS, PSI and Wasserstein alike: the alert is led by the test drift_week_summary leads with
-- (the highest severity, then the effect furthest past its band), and its message names the other tests of that
-- segment and metric that flag it too. Only a tenant × workflow segment is one tenant's (tenant_id); the others
-- span tenants.
WITH findings AS (
  SELECT *, severity_rank * 1e6 + coalesce(effect / nullif(threshold, 0), 0) AS lead_score -- as drift_week_summary's
  FROM drift_latest
  WHERE severity_rank >= 2 AND list_contains($segment_types, segment_type)
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY segment, metric ORDER BY lead_score DESC, test) AS pos FROM findings
), agreeing AS (
  SELECT segment, metric,
         string_agg(printf('%s %.3g %s', replace(test, '_', ' '), effect, severity), ', ' ORDER BY lead_score DESC, test) AS others
  FROM ranked WHERE pos > 1 GROUP BY ALL
)
SELECT l.segment || '|' || l.metric AS alert_key,
       l.severity,
       CASE l.segment_type
         WHEN 'tenant_workflow' THEN l.tenant_id || ' · ' || l.workflow
         WHEN 'workflow' THEN l.workflow || ' (all tenants)'
         WHEN 'prompt_version' THEN l.workflow || ', prompt ' || l.prompt_version
         WHEN 'model' THEN 'model ' || l.model
         ELSE 'all traffic'
       END AS subject,
       CASE l.metric WHEN 'category' THEN 'category mix' WHEN 'cost_usd' THEN 'cost per request (USD)' WHEN 'latency_ms' THEN 'latency (ms)' ELSE replace(l.metric, '_', ' ') END || CASE
         WHEN l.details->>'current_rate' IS NOT NULL THEN
           printf(' %.1f%% → %.1f%%', 100 * CAST(l.details->>'reference_rate' AS DOUBLE), 100 * CAST(l.details->>'current_rate' AS DOUBLE))
           || coalesce(printf(' (%.1f%% since %s)', 100 * CAST(l.details->>'since_start_rate' AS DOUBLE), l.details->>'spike_start_day'), '')
         WHEN l.details->'current'->>'p95' IS NOT NULL THEN
           ' p95 ' || alert_number(CAST(l.details->'reference'->>'p95' AS DOUBLE)) || ' → ' || alert_number(CAST(l.details->'current'->>'p95' AS DOUBLE))
           || ', p50 ' || alert_number(CAST(l.details->'reference'->>'p50' AS DOUBLE)) || ' → ' || alert_number(CAST(l.details->'current'->>'p50' AS DOUBLE))
         WHEN json_array_length(l.details->'new_categories') > 0 THEN ', new categories: ' || array_to_string(CAST(l.details->'new_categories' AS VARCHAR[]), ', ')
         ELSE ''
       END
       || printf(' (%s %.3g, %s … %s vs %s … %s', replace(l.test, '_', ' '), l.effect, l.window_start, CAST(l.window_end - INTERVAL 1 DAY AS DATE), l.reference_start, CAST(l.reference_end - INTERVAL 1 DAY AS DATE))
       || coalesce('; also ' || a.others, '') || ')' AS message,
       'SELECT * FROM drift_latest WHERE segment = ''' || replace(l.segment, '''', '''''') || ''' AND metric = ''' || l.metric || ''' ORDER BY severity_rank DESC, test' AS evidence,
       'drift_latest' AS source_view,
       CASE WHEN l.segment_type = 'tenant_workflow' THEN l.tenant_id END AS tenant_id,
       iso_week(CAST(l.window_end - INTERVAL 1 DAY AS DATE)) AS data_week
FROM ranked l LEFT JOIN agreeing a USING (segment, metric)
WHERE l.pos = 1 AND l.severity_rank >= $min_severity_rank

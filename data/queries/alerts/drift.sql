-- The drift rule: one alert per segment × metric × test of the latest drift run at or above $min_severity_rank
-- (drift_latest.severity_rank: low 2, medium 3, high 4), in the segment types asked for. Only a tenant × workflow
-- segment is one tenant's (tenant_id); the others span tenants.
SELECT segment || '|' || metric || '|' || test AS alert_key,
       severity,
       CASE segment_type
         WHEN 'tenant_workflow' THEN tenant_id || ' · ' || workflow
         WHEN 'workflow' THEN workflow || ' (all tenants)'
         WHEN 'prompt_version' THEN workflow || ', prompt ' || prompt_version
         WHEN 'model' THEN 'model ' || model
         ELSE 'all traffic'
       END AS subject,
       CASE metric WHEN 'category' THEN 'category mix' WHEN 'cost_usd' THEN 'cost per request (USD)' WHEN 'latency_ms' THEN 'latency (ms)' ELSE replace(metric, '_', ' ') END || CASE
         WHEN details->>'current_rate' IS NOT NULL THEN
           printf(' %.1f%% → %.1f%%', 100 * CAST(details->>'reference_rate' AS DOUBLE), 100 * CAST(details->>'current_rate' AS DOUBLE))
           || coalesce(printf(' (%.1f%% since %s)', 100 * CAST(details->>'since_start_rate' AS DOUBLE), details->>'spike_start_day'), '')
         WHEN details->'current'->>'p95' IS NOT NULL THEN
           ' p95 ' || alert_number(CAST(details->'reference'->>'p95' AS DOUBLE)) || ' → ' || alert_number(CAST(details->'current'->>'p95' AS DOUBLE))
           || ', p50 ' || alert_number(CAST(details->'reference'->>'p50' AS DOUBLE)) || ' → ' || alert_number(CAST(details->'current'->>'p50' AS DOUBLE))
         WHEN json_array_length(details->'new_categories') > 0 THEN ', new categories: ' || array_to_string(CAST(details->'new_categories' AS VARCHAR[]), ', ')
         ELSE ''
       END
       || printf(' (%s %.3g, %s … %s vs %s … %s)', replace(test, '_', ' '), effect, window_start, CAST(window_end - INTERVAL 1 DAY AS DATE), reference_start, CAST(reference_end - INTERVAL 1 DAY AS DATE)) AS message,
       'SELECT * FROM drift_latest WHERE segment = ''' || replace(segment, '''', '''''') || ''' AND metric = ''' || metric || ''' AND test = ''' || test || '''' AS evidence,
       'drift_latest' AS source_view,
       CASE WHEN segment_type = 'tenant_workflow' THEN tenant_id END AS tenant_id,
       iso_week(CAST(window_end - INTERVAL 1 DAY AS DATE)) AS data_week
FROM drift_latest
WHERE severity_rank >= $min_severity_rank AND list_contains($segment_types, segment_type)

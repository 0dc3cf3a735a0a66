-- Per day, tenant and workflow: volume (sampled and estimated), latency and the operational rates.
-- est_requests scales the sampled count back up by 1/sample_rate; the rates are the traffic's, each record weighing
-- 1/sample_rate (as in workflow_week_over_week), with Kish's effective sample size effective_n; latency quantiles are
-- of the sampled records. day is the UTC day (utc_day): date_trunc would take the client's TimeZone, and an
-- analyst's session in New York got other days than the report.
SELECT utc_day(ts) AS day, tenant_id, workflow,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       quantile_cont(latency_ms, 0.5) AS latency_p50_ms,
       quantile_cont(latency_ms, 0.95) AS latency_p95_ms,
       CASE WHEN min(sample_rate) = max(sample_rate) THEN count(*) ELSE pow(sum(1.0 / sample_rate), 2) / sum(pow(sample_rate, -2)) END AS effective_n,
       sum(CASE WHEN status = 'error' THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS error_rate,
       sum(CASE WHEN status = 'timeout' THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS timeout_rate,
       sum(CASE WHEN fallback THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS fallback_rate,
       sum(CASE WHEN human_override THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS human_override_rate,
       sum(CASE WHEN list_contains(u.categories, category) OR (category IS NULL AND u.with_null) THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS unknown_rate,
       sum(input_tokens) AS input_tokens,
       sum(output_tokens) AS output_tokens
FROM records CROSS JOIN unknown_set u
GROUP BY ALL

-- Per ISO week (YYYY-Www), tenant and workflow: volume, latency and the operational rates.
-- Rates are shares of sampled records; est_requests scales volume back up by 1/sample_rate.
SELECT strftime(ts, '%G-W%V') AS week,
       CAST(date_trunc('week', ts) AS DATE) AS week_start,
       tenant_id, workflow,
       count(*) AS requests,
       sum(1.0 / sample_rate) AS est_requests,
       quantile_cont(latency_ms, 0.5) AS latency_p50_ms,
       quantile_cont(latency_ms, 0.95) AS latency_p95_ms,
       avg(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS error_rate,
       avg(CASE WHEN status = 'timeout' THEN 1 ELSE 0 END) AS timeout_rate,
       avg(CASE WHEN fallback THEN 1 ELSE 0 END) AS fallback_rate,
       avg(CASE WHEN human_override THEN 1 ELSE 0 END) AS human_override_rate,
       avg(CASE WHEN category = 'unknown' THEN 1 ELSE 0 END) AS unknown_rate
FROM records
GROUP BY ALL

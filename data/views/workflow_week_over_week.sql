-- Per ISO week and workflow — for all tenants (tenant_id NULL) and for each tenant — volume, latency and the
-- operational rates of the week beside the previous ISO week's (prev_*, NULL when that week has no records; a
-- week without records after one with them is a row of its own, requests 0, see gone),
-- with the changes the weekly report ranks: relative for volume and latency, absolute (fractions) for rates, and
-- for each rate its two-proportion z (two_proportion_z macro) so a change can be told from noise.
-- workflow NULL rows total every workflow. Quantiles are computed per row, never averaged across tenants.
-- Rates are those of the traffic: each record weighs 1/sample_rate, so a tenant kept at 10% counts for the requests
-- it stands for, and a change of one tenant's sampling moves no rate. effective_n is Kish's effective sample size
-- (Σw)²/Σw² (the records themselves when all were kept at one rate), the n of the rates' z. Latency quantiles are
-- of the sampled records.
WITH weekly AS (
  SELECT utc_week_start(ts) AS week_start,
         tenant_id, workflow,
         count(*) AS requests,
         sum(1.0 / sample_rate) AS est_requests,
         quantile_cont(latency_ms, 0.5) AS latency_p50_ms,
         quantile_cont(latency_ms, 0.95) AS latency_p95_ms,
         CASE WHEN min(sample_rate) = max(sample_rate) THEN count(*) ELSE pow(sum(1.0 / sample_rate), 2) / sum(pow(sample_rate, -2)) END AS effective_n,
         sum(CASE WHEN status = 'error' THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS error_rate,
         sum(CASE WHEN status = 'timeout' THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS timeout_rate,
         sum(CASE WHEN fallback THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS fallback_rate,
         sum(CASE WHEN human_override THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS human_override_rate,
         sum(CASE WHEN list_contains(u.categories, category) OR (category IS NULL AND u.with_null) THEN 1.0 / sample_rate ELSE 0 END) / sum(1.0 / sample_rate) AS unknown_rate
  FROM records CROSS JOIN unknown_set u
  GROUP BY GROUPING SETS ((week_start), (week_start, workflow), (week_start, tenant_id), (week_start, tenant_id, workflow))
),
-- A tenant or workflow that had records one week and none the next, up to the last week with records, has a row
-- for that week too (requests 0, est_requests_change -1): a feed that stopped is the largest volume drop.
gone AS (
  SELECT CAST(p.week_start + INTERVAL 7 DAY AS DATE) AS week_start, p.tenant_id, p.workflow, 0 AS requests, 0.0 AS est_requests,
         NULL::DOUBLE AS latency_p50_ms, NULL::DOUBLE AS latency_p95_ms, 0.0 AS effective_n, NULL::DOUBLE AS error_rate, NULL::DOUBLE AS timeout_rate,
         NULL::DOUBLE AS fallback_rate, NULL::DOUBLE AS human_override_rate, NULL::DOUBLE AS unknown_rate
  FROM weekly p
  WHERE p.week_start < (SELECT max(week_start) FROM weekly)
    AND NOT EXISTS (SELECT 1 FROM weekly n WHERE n.week_start = CAST(p.week_start + INTERVAL 7 DAY AS DATE)
                    AND n.tenant_id IS NOT DISTINCT FROM p.tenant_id AND n.workflow IS NOT DISTINCT FROM p.workflow)
),
weeks AS (SELECT * FROM weekly UNION ALL SELECT * FROM gone)
SELECT iso_week(c.week_start) AS week, c.week_start, iso_week(CAST(c.week_start - INTERVAL 7 DAY AS DATE)) AS prev_week,
       c.tenant_id, c.workflow,
       c.requests, c.est_requests, c.requests / nullif(c.est_requests, 0) AS effective_sample_rate, c.effective_n,
       c.latency_p50_ms, c.latency_p95_ms, c.error_rate, c.timeout_rate, c.fallback_rate, c.human_override_rate, c.unknown_rate,
       p.requests AS prev_requests, p.est_requests AS prev_est_requests, p.effective_n AS prev_effective_n,
       p.latency_p50_ms AS prev_latency_p50_ms, p.latency_p95_ms AS prev_latency_p95_ms,
       p.error_rate AS prev_error_rate, p.timeout_rate AS prev_timeout_rate, p.fallback_rate AS prev_fallback_rate,
       p.human_override_rate AS prev_human_override_rate, p.unknown_rate AS prev_unknown_rate,
       c.est_requests / p.est_requests - 1 AS est_requests_change,
       c.latency_p50_ms / nullif(p.latency_p50_ms, 0) - 1 AS latency_p50_change,
       c.latency_p95_ms / nullif(p.latency_p95_ms, 0) - 1 AS latency_p95_change,
       c.error_rate - p.error_rate AS error_rate_change,
       c.timeout_rate - p.timeout_rate AS timeout_rate_change,
       c.fallback_rate - p.fallback_rate AS fallback_rate_change,
       c.human_override_rate - p.human_override_rate AS human_override_rate_change,
       c.unknown_rate - p.unknown_rate AS unknown_rate_change,
       two_proportion_z(c.error_rate, c.effective_n, p.error_rate, p.effective_n) AS error_rate_change_z,
       two_proportion_z(c.timeout_rate, c.effective_n, p.timeout_rate, p.effective_n) AS timeout_rate_change_z,
       two_proportion_z(c.fallback_rate, c.effective_n, p.fallback_rate, p.effective_n) AS fallback_rate_change_z,
       two_proportion_z(c.human_override_rate, c.effective_n, p.human_override_rate, p.effective_n) AS human_override_rate_change_z,
       two_proportion_z(c.unknown_rate, c.effective_n, p.unknown_rate, p.effective_n) AS unknown_rate_change_z
FROM weeks c
LEFT JOIN weekly p
  ON p.week_start = c.week_start - INTERVAL 7 DAY
 AND p.tenant_id IS NOT DISTINCT FROM c.tenant_id AND p.workflow IS NOT DISTINCT FROM c.workflow

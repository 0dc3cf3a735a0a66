-- Per segment and numeric metric: a fine histogram of both windows on a shared grid, from which the drift
-- tests finish KS, Wasserstein, PSI and quantiles in TypeScript. Bins are 1/64 of an e-fold (≈1.6% wide) for
-- positive skewed metrics (zeros get their own bin) and 0.005 wide for confidence; each bin is represented
-- by the mean of the values in it (pooled over both windows), so integer-valued metrics stay exact.
-- Also per window n, Σv and Σv² (exact mean and standard deviation). Per-request cost comes from the temp view drift_record_cost(id, cost_usd)
-- (evaluators/drift/costSource.ts).
WITH valued AS (
  SELECT CASE WHEN r.ts >= $cur_start AND r.ts < $cur_end THEN 'current' ELSE 'reference' END AS win,
         r.tenant_id, r.workflow, r.model, r.prompt_version,
         unnest([
           {'metric': 'latency_ms', 'v': r.latency_ms},
           {'metric': 'input_tokens', 'v': CAST(r.input_tokens AS DOUBLE)},
           {'metric': 'output_tokens', 'v': CAST(r.output_tokens AS DOUBLE)},
           {'metric': 'confidence', 'v': r.confidence},
           {'metric': 'cost_usd', 'v': c.cost_usd}
         ]) AS m
  FROM records r LEFT JOIN drift_record_cost c ON c.id = r.id
  WHERE (r.ts >= $cur_start AND r.ts < $cur_end) OR (r.ts >= $ref_start AND r.ts < $ref_end)
), cells AS (
  SELECT win, tenant_id, workflow, model, prompt_version, m.metric AS metric,
         CAST(CASE WHEN m.metric = 'confidence' THEN floor(m.v * 200)
                   WHEN m.v <= 0 THEN -100000
                   ELSE floor(ln(m.v) * 64) END AS INTEGER) AS bin,
         count(*) AS n, sum(m.v) AS s, sum(m.v * m.v) AS s2
  FROM valued WHERE m.v IS NOT NULL
  GROUP BY ALL
), segment_bins AS (
  SELECT seg.segment_type, seg.tenant_id, seg.workflow, seg.model, seg.prompt_version, metric, bin,
         coalesce(sum(n) FILTER (WHERE win = 'current'), 0) AS n_cur,
         coalesce(sum(n) FILTER (WHERE win = 'reference'), 0) AS n_ref,
         sum(s) / sum(n) AS point,
         coalesce(sum(s) FILTER (WHERE win = 'current'), 0) AS s_cur,
         coalesce(sum(s2) FILTER (WHERE win = 'current'), 0) AS s2_cur,
         coalesce(sum(s) FILTER (WHERE win = 'reference'), 0) AS s_ref,
         coalesce(sum(s2) FILTER (WHERE win = 'reference'), 0) AS s2_ref
  FROM cells, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
  GROUP BY ALL
)
SELECT segment_type, tenant_id, workflow, model, prompt_version, metric,
       list(point ORDER BY bin) AS points, list(n_cur ORDER BY bin) AS cur, list(n_ref ORDER BY bin) AS ref,
       sum(s_cur) AS sum_cur, sum(s2_cur) AS sum2_cur, sum(s_ref) AS sum_ref, sum(s2_ref) AS sum2_ref
FROM segment_bins
GROUP BY ALL

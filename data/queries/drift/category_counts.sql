-- Per segment and window: how many records carry each category (NULL is its own category), and their weights
-- Σ 1/sample_rate and Σ 1/sample_rate² (the category shares of the traffic, and the Kish effective sample size
-- when records were kept at different rates: evaluators/drift/aggregates.ts).
SELECT seg.segment_type, seg.tenant_id, seg.workflow, seg.model, seg.prompt_version, win, category, sum(n) AS n, sum(w) AS w, sum(w2) AS w2
FROM (
  SELECT CASE WHEN ts >= $cur_start AND ts < $cur_end THEN 'current' ELSE 'reference' END AS win,
         tenant_id, workflow, model, prompt_version, category, count(*) AS n, sum(1 / sample_rate) AS w, sum(1 / (sample_rate * sample_rate)) AS w2
  FROM records
  WHERE (ts >= $cur_start AND ts < $cur_end) OR (ts >= $ref_start AND ts < $ref_end)
  GROUP BY ALL
) cells, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
GROUP BY ALL

-- Per segment and window: how many records carry each category (NULL is its own category).
SELECT seg.segment_type, seg.tenant_id, seg.workflow, seg.model, seg.prompt_version, win, category, sum(n) AS n
FROM (
  SELECT CASE WHEN ts >= $cur_start AND ts < $cur_end THEN 'current' ELSE 'reference' END AS win,
         tenant_id, workflow, model, prompt_version, category, count(*) AS n
  FROM records
  WHERE (ts >= $cur_start AND ts < $cur_end) OR (ts >= $ref_start AND ts < $ref_end)
  GROUP BY ALL
) cells, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
GROUP BY ALL

-- Per segment and day of both windows: requests and the numerators of every rate the drift tests follow.
-- $unknown: the category values counted as unknown ($unknown_null: NULL counts too); $low_confidence: threshold.
SELECT seg.segment_type, seg.tenant_id, seg.workflow, seg.model, seg.prompt_version, day,
       sum(n) AS n, sum(unknown_n) AS unknown_n, sum(error_n) AS error_n, sum(fallback_n) AS fallback_n,
       sum(human_override_n) AS human_override_n, sum(confidence_n) AS confidence_n, sum(low_confidence_n) AS low_confidence_n
FROM (
  SELECT CAST(date_trunc('day', ts) AS DATE) AS day, tenant_id, workflow, model, prompt_version,
         count(*) AS n,
         count(*) FILTER (WHERE list_contains($unknown, category) OR (category IS NULL AND $unknown_null)) AS unknown_n,
         count(*) FILTER (WHERE status IN ('error', 'timeout')) AS error_n,
         count(*) FILTER (WHERE fallback) AS fallback_n,
         count(*) FILTER (WHERE human_override) AS human_override_n,
         count(confidence) AS confidence_n,
         count(*) FILTER (WHERE confidence < $low_confidence) AS low_confidence_n
  FROM records
  WHERE (ts >= $cur_start AND ts < $cur_end) OR (ts >= $ref_start AND ts < $ref_end)
  GROUP BY ALL
) cells, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
GROUP BY ALL

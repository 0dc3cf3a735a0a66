-- Per segment and day of both windows: requests and the numerators of every rate the drift tests follow, as
-- records (n, …_n) and weighted by 1 / sample_rate (w, w2 = Σ 1/sample_rate², …_w): a segment mixing records kept
-- at different rates (a small tenant kept whole, a large one at 10%) has its rates estimated on the traffic, not on
-- the sample's mix (evaluators/drift/aggregates.ts turns the weights into Kish effective counts). Records are counted
-- per cell, day, sample rate and category first (an ingest run gives few rates), so the weights cost no per-record
-- sums.
-- $unknown: the category values counted as unknown, matched as unknown_label() reads them (ignoring case and
-- surrounding whitespace); a missing category counts too when $unknown_null ('' or null configured: ingest stores an
-- empty label as missing). $low_confidence: threshold.
WITH unknown AS (
  SELECT list_transform(CAST($unknown AS VARCHAR[]), c -> unknown_label(c)) AS labels
), cells AS (
  -- counted per category too: the unknown match then reads each distinct label once per cell and day, not every record
  SELECT CAST(date_trunc('day', ts) AS DATE) AS day, tenant_id, workflow, model, prompt_version, 1 / sample_rate AS w, category,
         count(*) AS n,
         count(*) FILTER (WHERE status IN ('error', 'timeout')) AS error_n,
         count(*) FILTER (WHERE fallback) AS fallback_n,
         count(*) FILTER (WHERE human_override) AS human_override_n,
         count(confidence) AS confidence_n,
         count(*) FILTER (WHERE confidence < $low_confidence) AS low_confidence_n
  FROM records
  WHERE (ts >= $cur_start AND ts < $cur_end) OR (ts >= $ref_start AND ts < $ref_end)
  GROUP BY ALL
), labelled AS (
  SELECT cells.* EXCLUDE (category),
         CASE WHEN (CASE WHEN category IS NULL THEN $unknown_null OR list_contains(unknown.labels, '')
                         ELSE list_contains(unknown.labels, unknown_label(category)) END) THEN n ELSE 0 END AS unknown_n
  FROM cells, unknown
)
SELECT seg.segment_type, seg.tenant_id, seg.workflow, seg.model, seg.prompt_version, day,
       sum(n) AS n, sum(n * w) AS w, sum(n * w * w) AS w2,
       sum(unknown_n) AS unknown_n, sum(unknown_n * w) AS unknown_w, sum(error_n) AS error_n, sum(error_n * w) AS error_w,
       sum(fallback_n) AS fallback_n, sum(fallback_n * w) AS fallback_w, sum(human_override_n) AS human_override_n, sum(human_override_n * w) AS human_override_w,
       sum(confidence_n) AS confidence_n, sum(confidence_n * w) AS confidence_w, sum(confidence_n * w * w) AS confidence_w2,
       sum(low_confidence_n) AS low_confidence_n, sum(low_confidence_n * w) AS low_confidence_w
FROM labelled, unnest(drift_segments(tenant_id, workflow, model, prompt_version)) AS u(seg)
GROUP BY ALL

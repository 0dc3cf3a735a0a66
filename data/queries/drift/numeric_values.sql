-- Every numeric value of both windows with its window, cell (tenant × workflow × model × prompt version) and fine
-- bin: 1/4096 of an e-fold for positive skewed metrics, zeros (and negatives) in their own bin, 1/12800 for
-- confidence. Read by numeric_fine.sql (all of it) and numeric_refine.sql (the bins it refines). Per-request
-- cost comes from the temp view drift_record_cost(id, cost_usd) (evaluators/drift/costSource.ts).
SELECT cur, tenant_id, workflow, model, prompt_version, m.metric AS metric, m.v AS v,
       CAST(CASE WHEN m.metric = 'confidence' THEN floor(m.v * 12800)
                 WHEN m.v <= 0 THEN -100000000
                 ELSE floor(ln(m.v) * 4096) END AS BIGINT) AS bin
FROM (
  SELECT r.ts >= $cur_start AND r.ts < $cur_end AS cur, r.tenant_id, r.workflow, r.model, r.prompt_version,
         unnest([
           {'metric': 'latency_ms', 'v': r.latency_ms},
           {'metric': 'input_tokens', 'v': CAST(r.input_tokens AS DOUBLE)},
           {'metric': 'output_tokens', 'v': CAST(r.output_tokens AS DOUBLE)},
           {'metric': 'confidence', 'v': r.confidence},
           {'metric': 'cost_usd', 'v': c.cost_usd}
         ]) AS m
  FROM records r LEFT JOIN /*cost*/ drift_record_cost c ON c.id = r.id
  WHERE (r.ts >= $cur_start AND r.ts < $cur_end) OR (r.ts >= $ref_start AND r.ts < $ref_end)
)
WHERE m.v IS NOT NULL

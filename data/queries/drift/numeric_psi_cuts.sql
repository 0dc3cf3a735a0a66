-- Per segment, numeric metric and PSI cut j (drift_psi_ranks): the cut q, the reference's inverted-cdf quantile at
-- j/bins, and how many values of each window are at most q (c_cur, c_ref), exact: from the fine bin holding the
-- cut's rank when that bin holds one value, else from its values one by one (drift_numeric_within). The PSI's
-- bins are (−∞, q₁], (q₁, q₂], … (q_last, ∞) over the distinct cuts (evaluators/drift/psi.ts).
WITH located AS (
  SELECT p.k, p.j, p.r, f.segment_type, f.tenant_id, f.workflow, f.model, f.prompt_version, f.metric, f.bin,
         f.vmin = f.vmax AS single, f.vmin, f.cum_cur, f.cum_ref
  FROM drift_psi_ranks p JOIN drift_numeric_fine f ON f.k = p.k AND p.r >= f.cum_ref - f.n_ref AND p.r < f.cum_ref
)
SELECT l.segment_type, l.tenant_id, l.workflow, l.model, l.prompt_version, l.metric, l.j,
       CASE WHEN l.single THEN l.vmin ELSE w.v END AS q,
       CASE WHEN l.single THEN l.cum_cur ELSE w.cc END AS c_cur,
       CASE WHEN l.single THEN l.cum_ref ELSE w.cr END AS c_ref
FROM located l
LEFT JOIN drift_numeric_within w ON NOT l.single AND w.k = l.k AND w.bin = l.bin AND l.r >= w.cr - w.b AND l.r < w.cr
ORDER BY l.k, l.j

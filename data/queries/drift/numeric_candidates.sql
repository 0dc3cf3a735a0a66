-- The fine bins of drift_numeric_fine whose values numeric_refine.sql reads one by one: bins holding more than one
-- distinct value where either (a) a value inside could make |F_cur − F_ref| larger than the largest |g| at the bins'
-- ends — inside a bin the difference is g_before + a/n_cur − b/n_ref for a of its current and b of its reference
-- values, so it stays within the larger of |g_before + (its current share)| and |g_before − (its reference
-- share)| — or (b) an order statistic of a quantile, or a PSI cut (drift_psi_ranks), falls in it. On realistic data a few bins per segment and
-- metric, so KS D and the quantiles are exact (as scipy's and numpy's on the raw values) for the price of reading
-- those bins' values again.
CREATE OR REPLACE TEMP TABLE drift_numeric_candidates AS
WITH edge AS (
  SELECT k, max(abs(g)) AS d_edge,
         min(bin) FILTER (WHERE cum_cur > c50) AS b_c50,
         min(bin) FILTER (WHERE cum_cur > c50h) AS b_c50h,
         min(bin) FILTER (WHERE cum_cur > c95) AS b_c95,
         min(bin) FILTER (WHERE cum_cur > c95h) AS b_c95h,
         min(bin) FILTER (WHERE cum_cur > c99) AS b_c99,
         min(bin) FILTER (WHERE cum_cur > c99h) AS b_c99h,
         min(bin) FILTER (WHERE cum_ref > r50) AS b_r50,
         min(bin) FILTER (WHERE cum_ref > r50h) AS b_r50h,
         min(bin) FILTER (WHERE cum_ref > r95) AS b_r95,
         min(bin) FILTER (WHERE cum_ref > r95h) AS b_r95h,
         min(bin) FILTER (WHERE cum_ref > r99) AS b_r99,
         min(bin) FILTER (WHERE cum_ref > r99h) AS b_r99h
  FROM drift_numeric_fine
  GROUP BY k
)
SELECT f.k, f.segment_type, f.tenant_id, f.workflow, f.model, f.prompt_version, f.metric, f.bin,
       f.cum_cur - f.n_cur AS before_cur, f.cum_ref - f.n_ref AS before_ref, f.total_cur, f.total_ref,
       f.c50, f.c50h, f.c95, f.c95h, f.c99, f.c99h, f.r50, f.r50h, f.r95, f.r95h, f.r99, f.r99h,
       e.b_c50, e.b_c50h, e.b_c95, e.b_c95h, e.b_c99, e.b_c99h, e.b_r50, e.b_r50h, e.b_r95, e.b_r95h, e.b_r99, e.b_r99h
FROM drift_numeric_fine f JOIN edge e USING (k)
WHERE f.vmin < f.vmax
  AND (greatest(abs(f.g_before + f.n_cur / nullif(f.total_cur, 0)), abs(f.g_before - f.n_ref / nullif(f.total_ref, 0))) > e.d_edge
       OR f.bin IN (e.b_c50, e.b_c50h, e.b_c95, e.b_c95h, e.b_c99, e.b_c99h, e.b_r50, e.b_r50h, e.b_r95, e.b_r95h, e.b_r99, e.b_r99h)
       OR EXISTS (SELECT 1 FROM drift_psi_ranks p WHERE p.k = f.k AND p.r >= f.cum_ref - f.n_ref AND p.r < f.cum_ref))

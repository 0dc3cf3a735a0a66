-- Per segment and numeric metric, both windows' counts on the fine grid of numeric_values.sql, with each fine
-- bin's smallest and largest value and the ECDF of both windows at its end: the table numeric_refine.sql refines
-- and numeric_histograms.sql reads. Temporary: it lives only during a drift run.
--  * g = F_cur − F_ref at the bin's end (its largest value), g_before at the end of the bin below: KS D is the
--    largest |g| unless a value inside a bin holding several values goes further (numeric_candidates.sql).
--  * For each window's p50/p95/p99 the 0-based ranks of the two order statistics around 1 + (n − 1)·q
--    (⌊(n − 1)q⌋ and the next), which aggregates.ts interpolates linearly: quantile_cont, as the warehouse's
--    other p95s (workflow_daily) and numpy's default.
--  * point: the bin's value when it holds one, else the mean of its values.
-- Values are first counted per tenant × workflow × model × prompt version cell and fine bin; segments then come from
-- grouping sets over those cells (no unnest of every value).
CREATE OR REPLACE TEMP TABLE drift_numeric_fine AS
WITH valued AS (
/*values*/
), cells AS (
  SELECT tenant_id, workflow, model, prompt_version, metric, bin,
         count(*) FILTER (WHERE cur) AS n_cur, count(*) FILTER (WHERE NOT cur) AS n_ref, sum(v) AS s, min(v) AS vmin, max(v) AS vmax,
         coalesce(sum(v) FILTER (WHERE cur), 0) AS s_cur, coalesce(sum(v * v) FILTER (WHERE cur), 0) AS s2_cur,
         coalesce(sum(v) FILTER (WHERE NOT cur), 0) AS s_ref, coalesce(sum(v * v) FILTER (WHERE NOT cur), 0) AS s2_ref
  FROM valued
  GROUP BY ALL
), fine AS (
  SELECT CASE grouping(tenant_id, workflow, model, prompt_version)
           WHEN 15 THEN 'overall' WHEN 11 THEN 'workflow' WHEN 3 THEN 'tenant_workflow' WHEN 13 THEN 'model' ELSE 'prompt_version' END AS segment_type,
         tenant_id, workflow, model, prompt_version, metric, bin,
         sum(n_cur) AS n_cur, sum(n_ref) AS n_ref, sum(s) AS s, min(vmin) AS vmin, max(vmax) AS vmax,
         sum(s_cur) AS s_cur, sum(s2_cur) AS s2_cur, sum(s_ref) AS s_ref, sum(s2_ref) AS s2_ref
  FROM cells
  GROUP BY GROUPING SETS ((metric, bin), (workflow, metric, bin), (tenant_id, workflow, metric, bin), (model, metric, bin), (workflow, prompt_version, metric, bin))
), keyed AS (
  SELECT hash(segment_type, tenant_id, workflow, model, prompt_version, metric) AS k, * FROM fine
), sums AS (
  SELECT k, sum(n_cur) AS total_cur, sum(n_ref) AS total_ref FROM keyed GROUP BY k
), totals AS (
  -- the 0-based ranks of the order statistics around each quantile, once per segment and metric (NULL for an
  -- empty window: no row passes a comparison with NULL)
  SELECT k, total_cur, total_ref,
         CASE WHEN total_cur > 0 THEN floor((total_cur - 1) * 0.50) END AS c50, CASE WHEN total_cur > 0 THEN least(total_cur - 1, floor((total_cur - 1) * 0.50) + 1) END AS c50h,
         CASE WHEN total_cur > 0 THEN floor((total_cur - 1) * 0.95) END AS c95, CASE WHEN total_cur > 0 THEN least(total_cur - 1, floor((total_cur - 1) * 0.95) + 1) END AS c95h,
         CASE WHEN total_cur > 0 THEN floor((total_cur - 1) * 0.99) END AS c99, CASE WHEN total_cur > 0 THEN least(total_cur - 1, floor((total_cur - 1) * 0.99) + 1) END AS c99h,
         CASE WHEN total_ref > 0 THEN floor((total_ref - 1) * 0.50) END AS r50, CASE WHEN total_ref > 0 THEN least(total_ref - 1, floor((total_ref - 1) * 0.50) + 1) END AS r50h,
         CASE WHEN total_ref > 0 THEN floor((total_ref - 1) * 0.95) END AS r95, CASE WHEN total_ref > 0 THEN least(total_ref - 1, floor((total_ref - 1) * 0.95) + 1) END AS r95h,
         CASE WHEN total_ref > 0 THEN floor((total_ref - 1) * 0.99) END AS r99, CASE WHEN total_ref > 0 THEN least(total_ref - 1, floor((total_ref - 1) * 0.99) + 1) END AS r99h
  FROM sums
), ecdf AS (
  SELECT keyed.*, CASE WHEN vmin = vmax THEN vmin ELSE s / (n_cur + n_ref) END AS point,
         sum(n_cur) OVER w AS cum_cur, sum(n_ref) OVER w AS cum_ref, t.* EXCLUDE (k),
         sum(n_cur) OVER w / nullif(t.total_cur, 0) - sum(n_ref) OVER w / nullif(t.total_ref, 0) AS g,
         (sum(n_cur) OVER w - n_cur) / nullif(t.total_cur, 0) - (sum(n_ref) OVER w - n_ref) / nullif(t.total_ref, 0) AS g_before,
         lead(CASE WHEN vmin = vmax THEN vmin ELSE s / (n_cur + n_ref) END) OVER w AS next_point
  FROM keyed JOIN totals t USING (k)
  WINDOW w AS (PARTITION BY k ORDER BY bin)
)
SELECT * EXCLUDE (next_point), coalesce(next_point - point, 0) AS width FROM ecdf

-- The values of the bins drift_numeric_candidates names, one by one: per segment and metric the largest
-- |F_cur − F_ref| at a value inside them (d_inside) and the exact order statistics whose bins hold several values
-- (named as their ranks in drift_numeric_fine). Temporary: it lives only during a drift run.
CREATE OR REPLACE TEMP TABLE drift_numeric_refined AS
WITH valued AS (
/*values*/
), counted AS (
  SELECT c.k, c.bin, v.v, count(*) FILTER (WHERE v.cur) AS a, count(*) FILTER (WHERE NOT v.cur) AS b
  FROM valued v
  JOIN drift_numeric_candidates c
    ON c.metric = v.metric AND c.bin = v.bin
   AND (c.tenant_id IS NULL OR c.tenant_id = v.tenant_id) AND (c.workflow IS NULL OR c.workflow = v.workflow)
   AND (c.model IS NULL OR c.model = v.model) AND (c.prompt_version IS NULL OR c.prompt_version = v.prompt_version)
  GROUP BY ALL
), within AS (
  SELECT n.k, n.bin, n.v, c.* EXCLUDE (k, bin),
         c.before_cur + sum(n.a) OVER w AS cc, c.before_ref + sum(n.b) OVER w AS cr
  FROM counted n JOIN drift_numeric_candidates c USING (k, bin)
  WINDOW w AS (PARTITION BY n.k, n.bin ORDER BY n.v)
)
SELECT k, max(abs(cc / nullif(total_cur, 0) - cr / nullif(total_ref, 0))) AS d_inside,
       min(v) FILTER (WHERE bin = b_c50 AND cc > c50) AS c50,
       min(v) FILTER (WHERE bin = b_c50h AND cc > c50h) AS c50h,
       min(v) FILTER (WHERE bin = b_c95 AND cc > c95) AS c95,
       min(v) FILTER (WHERE bin = b_c95h AND cc > c95h) AS c95h,
       min(v) FILTER (WHERE bin = b_c99 AND cc > c99) AS c99,
       min(v) FILTER (WHERE bin = b_c99h AND cc > c99h) AS c99h,
       min(v) FILTER (WHERE bin = b_r50 AND cr > r50) AS r50,
       min(v) FILTER (WHERE bin = b_r50h AND cr > r50h) AS r50h,
       min(v) FILTER (WHERE bin = b_r95 AND cr > r95) AS r95,
       min(v) FILTER (WHERE bin = b_r95h AND cr > r95h) AS r95h,
       min(v) FILTER (WHERE bin = b_r99 AND cr > r99) AS r99,
       min(v) FILTER (WHERE bin = b_r99h AND cr > r99h) AS r99h
FROM within
GROUP BY k

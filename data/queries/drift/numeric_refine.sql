-- The values of the bins drift_numeric_candidates names, one by one, with both windows' counts at each (a, b) and
-- the cumulative counts up to it (cc, cr): what numeric_refined.sql and numeric_psi_cuts.sql read. Temporary: it
-- lives only during a drift run.
CREATE OR REPLACE TEMP TABLE drift_numeric_within AS
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
)
SELECT n.k, n.bin, n.v, n.a, n.b, c.* EXCLUDE (k, bin),
       c.before_cur + sum(n.a) OVER w AS cc, c.before_ref + sum(n.b) OVER w AS cr
FROM counted n JOIN drift_numeric_candidates c USING (k, bin)
WINDOW w AS (PARTITION BY n.k, n.bin ORDER BY n.v)

-- Per segment and metric, from the refined bins' values (drift_numeric_within): the largest |F_cur − F_ref| at a
-- value inside them (d_inside) and the exact order statistics whose bins hold several values (named as their
-- ranks in drift_numeric_fine). Temporary: it lives only during a drift run.
CREATE OR REPLACE TEMP TABLE drift_numeric_refined AS
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
FROM drift_numeric_within
GROUP BY k

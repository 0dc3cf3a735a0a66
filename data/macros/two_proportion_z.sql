-- Pooled two-proportion z statistic of a rate p1 over n1 records against p0 over n0 (NULL when it is undefined):
-- how many standard errors a week-over-week change of a rate is, so a report can tell a change from noise.
CREATE OR REPLACE MACRO two_proportion_z(p1, n1, p0, n0) AS
  CASE WHEN n1 > 0 AND n0 > 0
            AND ((p1 * n1 + p0 * n0) / (n1 + n0)) * (1 - (p1 * n1 + p0 * n0) / (n1 + n0)) > 0
       THEN (p1 - p0) / sqrt(((p1 * n1 + p0 * n0) / (n1 + n0)) * (1 - (p1 * n1 + p0 * n0) / (n1 + n0)) * (1.0 / n1 + 1.0 / n0))
  END;

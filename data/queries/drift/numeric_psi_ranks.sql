-- For each segment and numeric metric of drift_numeric_fine, the 0-based reference rank of each PSI cut j
-- (1 … $bins − 1): the reference's inverted-cdf quantile at j/$bins, the smallest value whose reference ECDF reaches
-- j/$bins, is its order statistic ⌈j·n/$bins⌉ − 1 (in integers, as numpy.quantile(method='inverted_cdf') reads it).
-- numeric_candidates.sql refines the bins they fall in, numeric_psi_cuts.sql reads the cuts. Temporary.
CREATE OR REPLACE TEMP TABLE drift_psi_ranks AS
SELECT k, j, (j * total_ref + $bins - 1) // $bins - 1 AS r
FROM (SELECT DISTINCT k, total_ref FROM drift_numeric_fine WHERE total_ref > 0), range(1, $bins) AS t(j)

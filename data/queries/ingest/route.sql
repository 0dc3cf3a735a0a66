-- What happens to each good row of the run: sampled_out, insert (first time this id is seen),
-- duplicate (id already stored or earlier in the run, same content) or conflict (same id, other content;
-- the stored / first row is kept). The sampled CTE is sampled_simple.sql or sampled_stratified.sql.
CREATE OR REPLACE TEMP TABLE ingest_route AS
WITH sampled AS (/*sampled*/),
kept AS (
  SELECT *,
         row_number() OVER (PARTITION BY id ORDER BY file_idx, source_line, rid) AS occurrence,
         first_value(content_hash) OVER (PARTITION BY id ORDER BY file_idx, source_line, rid) AS first_hash
  FROM sampled
  WHERE p IS NOT NULL
),
stored AS (
  SELECT id, content_hash FROM records WHERE id IN (SELECT id FROM kept)
)
SELECT k.rid, k.p,
       CASE WHEN s.id IS NULL AND k.occurrence = 1 THEN 'insert'
            WHEN coalesce(s.content_hash, k.first_hash) = k.content_hash THEN 'duplicate'
            ELSE 'conflict' END AS decision,
       coalesce(s.content_hash, k.first_hash) AS stored_hash
FROM kept k LEFT JOIN stored s ON s.id = k.id
UNION ALL
SELECT rid, NULL, 'sampled_out', NULL FROM sampled WHERE p IS NULL

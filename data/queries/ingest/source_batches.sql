-- The rows of ingest_source (one file's source rows, in order: stage.ts) in consecutive batches of about $budget
-- bytes of text, for a mapping that expands its rows (envelopes of many records) to expand and map a batch at a
-- time (see stageExpanding in stage.ts for why). A row larger than $budget is a batch of its own.
WITH sizes AS MATERIALIZED (
  SELECT rowid AS r, coalesce(strlen(raw), 0) AS len FROM ingest_source
), rows AS (
  SELECT r, coalesce(sum(len) OVER (ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM sizes
)
SELECT min(r) AS lo, max(r) AS hi
FROM rows
GROUP BY before // $budget
ORDER BY lo

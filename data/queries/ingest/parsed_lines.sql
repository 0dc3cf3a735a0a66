-- For stageParsed.ts: each of $files' number of lines, the number its first line has in the scan of all of them
-- (g, from 1), and the lines it keeps: those ingest_wanted names by g, and those the JSON reader skips (blank or
-- only whitespace: `skipped`). row_number() over the scan runs it on one thread; only the lines kept are gathered.
CREATE OR REPLACE TEMP TABLE ingest_parsed_lines AS
WITH numbered AS (
  SELECT filename, raw, row_number() OVER () AS g
  FROM ingest_read_lines_files($files)
), marked AS (
  -- trim() only where the first character is whitespace: it is slow
  -- IN, not a join: planned from the reader's estimate, a join built its hash table on the lines
  SELECT n.filename, n.g, n.raw, n.g IN (SELECT g FROM ingest_wanted) AS wanted,
         CASE WHEN n.raw IS NULL THEN true
              WHEN ascii(n.raw) <= 32 THEN trim(n.raw, chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || ' ') = ''
              ELSE false END AS skipped
  FROM numbered n
)
SELECT CAST(list_position($files, filename) - 1 + $first_idx AS INTEGER) AS file_idx, count(*) AS lines, min(g) AS first_g,
       coalesce(list({'g': g, 'raw': raw, 'skipped': skipped}) FILTER (WHERE wanted OR skipped), []) AS kept
FROM marked
GROUP BY filename

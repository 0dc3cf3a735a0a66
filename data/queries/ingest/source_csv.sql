-- CSV rows with their physical line number (header = line 1). DuckDB numbers records, not lines, so the
-- lines are read again as text: a line starts a record when it is outside quotes (an even number of '"'
-- before it); the parser's "line" in ingest_csv_rejects is the index of such a start, blank lines included.
-- Blank and whitespace-only lines are skipped, as in JSONL.
WITH lines AS (
  SELECT row_number() OVER () AS n, raw FROM ingest_read_lines($file)
),
parity AS (
  SELECT n, raw, coalesce(sum(length(raw) - length(replace(raw, '"', ''))) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) % 2 = 0 AS starts
  FROM lines
),
starts AS (
  SELECT n, raw, row_number() OVER (ORDER BY n) AS start_no, raw IS NULL OR trim(raw) = '' AS blank FROM parity WHERE starts
),
rejected AS (
  SELECT DISTINCT s.start_no, s.n, s.raw FROM ingest_csv_rejects e JOIN starts s ON s.start_no = e.line WHERE NOT s.blank
),
record_lines AS (
  SELECT n, row_number() OVER (ORDER BY n) AS k
  FROM starts
  WHERE start_no > 1 AND NOT blank AND start_no NOT IN (SELECT start_no FROM rejected)
)
SELECT l.n AS source_line, r.raw, CAST(NULL AS VARCHAR) AS src_error
FROM ingest_csv_rows r JOIN record_lines l USING (k)
UNION ALL
SELECT n, raw, 'malformed_csv' FROM rejected

-- JSON Lines with lines that are not UTF-8, after the plain read failed on them (stage.ts): the lines the reader
-- kept (ingest_encoded_lines: numbered by their place p among them) and the ones it skipped as not UTF-8
-- (ingest_encoding_errors), which come back with the reason not_utf8 and their text as DuckDB kept it (each
-- byte that is not UTF-8 a '?'; the reader's text of a line after a blank one starts with that line's end).
-- A kept line's number is p plus the skipped lines before it: the i-th skipped line (line r) has r − i kept lines
-- before it, a number that never falls from one skipped line to the next, so the last one below p says how many
-- (of skipped lines in a row, which share it, the last).
WITH skipped AS (
  SELECT line, row_number() OVER (ORDER BY line) AS i, csv_line FROM ingest_encoding_errors
)
SELECT l.p + coalesce(s.i, 0) AS source_line, l.raw, CAST(NULL AS VARCHAR) AS src_error
FROM ingest_encoded_lines l ASOF LEFT JOIN (SELECT line - i AS kept_before, max(i) AS i FROM skipped GROUP BY ALL) s ON l.p > s.kept_before
UNION ALL
SELECT line, ltrim(csv_line, chr(10) || chr(13)), 'not_utf8' FROM skipped

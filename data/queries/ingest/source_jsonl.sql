-- JSON Lines (optionally .gz), one row per physical line, blank lines included. The line number is left
-- NULL: rows land in ingest_batch in file order, so it is the row's position there (see staging.sql).
-- Numbering here with row_number() would run the whole staging scan on one thread.
SELECT CAST(NULL AS BIGINT) AS source_line, raw, CAST(NULL AS VARCHAR) AS src_error
FROM ingest_read_lines($file)

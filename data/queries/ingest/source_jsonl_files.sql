-- The physical lines of several JSON Lines files (optionally .gz) in one scan, in file order and, within a
-- file, in line order (as source_jsonl.sql for one file), each with the path it came from (as given in $files).
SELECT filename, CAST(NULL AS BIGINT) AS source_line, raw, CAST(NULL AS VARCHAR) AS src_error
FROM ingest_read_lines_files($files)

-- The physical lines of $file (see the ingest_read_lines macro).
SELECT raw FROM ingest_read_lines($file)

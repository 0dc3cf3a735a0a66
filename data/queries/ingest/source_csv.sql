-- CSV rows with their physical line number (ingest_csv_lines, csv_lines.sql) and the rejected records as
-- malformed_csv.
SELECT l.source_line, r.raw, CAST(NULL AS VARCHAR) AS src_error
FROM ingest_csv_rows r JOIN ingest_csv_lines l USING (k)
UNION ALL
SELECT source_line, raw, 'malformed_csv' FROM ingest_csv_lines WHERE k IS NULL

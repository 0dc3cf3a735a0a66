-- Records the mapping's filters left out (not requests: an HTTP span in an OTLP export), counted per file and
-- reason with the first line, so a run's `filtered` count says what and where. No text is kept.
INSERT INTO ingest_filtered (ingest_run_id, source_file, reason, records, first_line)
SELECT $run_id, source_file, field, count(*), min(source_line)
FROM ingest_rows
WHERE reason = 'filtered'
GROUP BY file_idx, source_file, field
ORDER BY file_idx, field

-- Bad rows of the run go to quarantine with file, line, the (redacted) raw text and the reason.
INSERT INTO quarantine (ingest_run_id, source_file, source_line, raw, reason, field)
SELECT $run_id, source_file, source_line, raw, reason, field
FROM /*redacted*/ ingest_rows
WHERE reason IS NOT NULL AND reason <> 'filtered'
ORDER BY file_idx, source_line, seq

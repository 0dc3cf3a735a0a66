-- Re-delivered ids whose values differ from the stored (or first) copy: reported, never overwritten.
INSERT INTO ingest_conflicts (ingest_run_id, id, source_file, source_line, fields)
SELECT $run_id, b.id, b.source_file, b.source_line, r.fields
FROM ingest_rows b JOIN ingest_route r ON r.rid = b.seq
WHERE r.decision = 'conflict'
ORDER BY b.file_idx, b.source_line, b.seq

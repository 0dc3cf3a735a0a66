-- Why records of the run were filtered, for the command's summary.
SELECT field AS reason, count(*) AS records, arg_min(source_file || ':' || source_line, file_idx * 1e12 + source_line) AS first_seen_at
FROM ingest_rows
WHERE reason = 'filtered'
GROUP BY field
ORDER BY records DESC, reason

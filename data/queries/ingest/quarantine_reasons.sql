-- The most frequent quarantine reasons of the run, for the command's summary.
SELECT reason, field, count(*) AS records, arg_min(source_file || ':' || source_line, file_idx * 1e12 + source_line) AS first_seen_at
FROM ingest_rows
WHERE reason IS NOT NULL AND reason <> 'filtered'
GROUP BY reason, field
ORDER BY records DESC, reason, field
LIMIT 10

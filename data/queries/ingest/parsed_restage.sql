-- For stageParsed.ts: the lines ingest_parsed_lines kept because the JSON reader gave them no good row, as
-- source rows (file_idx, source_line, raw, src_error) for the staging of lines (compile.ts), which names each
-- one's reason from its text as it does for every line it reads (a line that is not JSON, an array, a BOM).
SELECT file_idx, k.g - first_g + 1 AS source_line, k.raw, CAST(NULL AS VARCHAR) AS src_error
FROM (SELECT file_idx, first_g, unnest(kept) AS k FROM ingest_parsed_lines)
WHERE NOT k.skipped

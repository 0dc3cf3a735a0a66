-- JSON Lines files (optionally .gz) in one scan, parsed by DuckDB's JSON reader: one row per line that is not
-- blank, in file order and line order, with the line's document as v (typed by stageParsed.ts: the mapping's paths as text,
-- what compile.ts's from_json makes of the line; NULL for a line that is not JSON). About twice as fast as
-- splitting the lines (source_jsonl_files.sql) and parsing each, but the reader skips blank lines, numbers none
-- and keeps no text: stageParsed.ts checks the lines against the rows and reads again the few lines it needs.
SELECT CAST(list_position($files, filename) - 1 + $first_idx AS INTEGER) AS file_idx, CAST(NULL AS BIGINT) AS source_line,
       CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error, v
FROM read_json($files, format = 'newline_delimited', records = false, columns = {'v': /*type*/}, ignore_errors = true,
               maximum_object_size = 16777216, filename = true)

-- Every physical line of a text file (optionally .gz) as one VARCHAR, in file order (DuckDB preserves the
-- order of a single-table scan). A blank line comes back as NULL and keeps its place, so line numbers stay
-- right. new_line '\r\n' accepts LF and CRLF files (the default also splits on a lone CR, counting a CRLF
-- line twice). Lines up to 16 MiB; a 32 MiB buffer keeps memory flat (the default is 16 × max_line_size).
-- The delimiter is a 4-byte sequence no text holds: a single NUL (the obvious choice) split lines at NUL bytes,
-- so a zero-filled block (a file after a crash) read as a blank line and was skipped, silently.
CREATE OR REPLACE MACRO ingest_read_lines(path) AS TABLE
SELECT raw
FROM read_csv(path, columns = {'raw': 'VARCHAR'}, delim = chr(1) || chr(0) || chr(2) || chr(3), quote = '', escape = '', header = false,
              auto_detect = false, strict_mode = false, new_line = '\r\n', max_line_size = 16777216,
              buffer_size = 33554432);

-- The same, skipping each line that is not UTF-8 and recording it in the temp table ingest_encoding_errors (with
-- its line number, and its text with each such byte as '?'; see queries/ingest/source_jsonl_not_utf8.sql).
CREATE OR REPLACE MACRO ingest_read_lines_rejecting(path) AS TABLE
SELECT raw
FROM read_csv(path, columns = {'raw': 'VARCHAR'}, delim = chr(1) || chr(0) || chr(2) || chr(3), quote = '', escape = '', header = false,
              auto_detect = false, strict_mode = false, new_line = '\r\n', max_line_size = 16777216,
              buffer_size = 33554432, ignore_errors = true, store_rejects = true,
              rejects_table = 'ingest_encoding_errors', rejects_scan = 'ingest_encoding_scans');

-- The same for a list of files in one scan, with the path each line came from (filename, as given).
CREATE OR REPLACE MACRO ingest_read_lines_files(paths) AS TABLE
SELECT filename, raw
FROM read_csv(paths, columns = {'raw': 'VARCHAR'}, delim = chr(1) || chr(0) || chr(2) || chr(3), quote = '', escape = '', header = false,
              auto_detect = false, strict_mode = false, new_line = '\r\n', max_line_size = 16777216,
              buffer_size = 33554432, filename = true);

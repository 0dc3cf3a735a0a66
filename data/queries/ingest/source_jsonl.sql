-- JSON Lines (optionally .gz): each physical line as text, numbered from 1. Blank lines come back as
-- NULL raw and keep their number, so later line numbers stay right. new_line '\r\n' accepts both LF and CRLF files
-- (the default also splits on a lone CR, which would count a CRLF line twice).
SELECT row_number() OVER () AS source_line, raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_csv($file, columns = {'raw': 'VARCHAR'}, delim = chr(0), quote = '', escape = '', header = false,
              auto_detect = false, strict_mode = false, new_line = '\r\n', max_line_size = 16777216)

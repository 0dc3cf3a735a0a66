-- CSV with a header (optionally .gz): every parsed row as a JSON object of strings (types are checked
-- later, so one bad cell cannot fail the whole file). The dialect (columns and delimiter, spliced in) comes
-- from the header line (data/ingest/csv.ts), not the sniffer. Rows the parser rejects (wrong column count,
-- unterminated quotes) go to ingest_csv_rejects instead of failing the load. The row's alias is one no log's
-- column is called: a column of the alias's name is what to_json(alias) reads (a column `t` made every row "t").
CREATE OR REPLACE TEMP TABLE ingest_csv_rows AS
SELECT row_number() OVER () AS k, CAST(to_json(__assay_row) AS VARCHAR) AS raw
FROM read_csv($file, header = true, auto_detect = false, /*dialect*/, quote = '"', escape = '"',
              store_rejects = true, rejects_table = 'ingest_csv_rejects', rejects_scan = 'ingest_csv_scans',
              max_line_size = 16777216, buffer_size = 33554432) __assay_row

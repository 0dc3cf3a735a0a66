-- CSV with a header (optionally .gz): every parsed row as a JSON object of strings (types are checked
-- later, so one bad cell cannot fail the whole file). Rows the parser rejects (wrong column count,
-- unterminated quotes) go to ingest_csv_rejects instead of failing the load.
CREATE OR REPLACE TEMP TABLE ingest_csv_rows AS
SELECT row_number() OVER () AS k, CAST(to_json(t) AS VARCHAR) AS raw
FROM read_csv($file, header = true, all_varchar = true, store_rejects = true,
              rejects_table = 'ingest_csv_rejects', rejects_scan = 'ingest_csv_scans', max_line_size = 16777216) t

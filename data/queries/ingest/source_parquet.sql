-- Parquet: each row as a JSON object, numbered from 1 in file order.
SELECT row_number() OVER () AS source_line, CAST(to_json(t) AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_parquet($file) t

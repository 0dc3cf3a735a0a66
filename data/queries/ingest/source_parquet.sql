-- Parquet: each row as a JSON object, in file order; like JSONL, its number is its position in ingest_batch.
-- The row's alias is one no log's column is called (see csv_rows.sql).
SELECT CAST(NULL AS BIGINT) AS source_line, CAST(to_json(__assay_row) AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_parquet($file) __assay_row

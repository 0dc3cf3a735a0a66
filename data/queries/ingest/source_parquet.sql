-- Parquet: each row as a JSON object, in file order; like JSONL, its number is its position in ingest_batch.
SELECT CAST(NULL AS BIGINT) AS source_line, CAST(to_json(t) AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_parquet($file) t

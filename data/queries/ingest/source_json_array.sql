-- A JSON array of records (optionally .gz), one row per element, in order: like JSONL, its number is its
-- position in ingest_batch, so a record's "line" is its element's 1-based index. An element that is not an
-- object is quarantined (not_an_object); a file that is not one valid array fails, naming the file.
SELECT CAST(NULL AS BIGINT) AS source_line, CAST(json AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_json_objects($file, format = 'array')

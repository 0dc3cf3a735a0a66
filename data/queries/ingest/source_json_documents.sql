-- JSON documents one after another (optionally .gz), each spanning any number of lines: a pretty-printed
-- record per file, or jq's output. One row per document, in order; its "line" is the document's 1-based index.
SELECT CAST(NULL AS BIGINT) AS source_line, CAST(json AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS src_error
FROM read_json_objects($file, format = 'unstructured')

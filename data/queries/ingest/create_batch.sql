-- The rows of one ingest run, mapped, typed and checked: good rows (reason NULL) carry the canonical
-- values (input/output as read: they are redacted where they are written out, see data/ingest/redaction.ts),
-- bad rows carry the raw text and the reason, records a mapping's
-- filter leaves out carry reason 'filtered' and the filter's reason in `field` (no text), blank lines are
-- kept (reason 'blank') only so that positions stay line numbers, and so are the JSON reader's rows of lines
-- staged again from their text (reason 'restaged', see data/ingest/stageParsed.ts). Temporary: it lives only inside the ingest
-- transaction.
CREATE OR REPLACE TEMP TABLE ingest_batch (
  file_idx INTEGER NOT NULL,
  source_line BIGINT, -- NULL: the row's position in its file's rows (see ingest_rows)
  reason VARCHAR,
  field VARCHAR,
  raw VARCHAR,
  id VARCHAR,
  ts TIMESTAMP WITH TIME ZONE,
  tenant_id VARCHAR,
  workflow VARCHAR,
  model VARCHAR,
  prompt_version VARCHAR,
  input VARCHAR,
  output VARCHAR,
  category VARCHAR,
  confidence DOUBLE,
  input_tokens BIGINT,
  output_tokens BIGINT,
  cached_input_tokens BIGINT,
  latency_ms DOUBLE,
  status VARCHAR,
  fallback BOOLEAN,
  human_override BOOLEAN,
  metadata JSON,
  repeated BOOLEAN -- a later copy of an id (duplicate or conflict): not inserted (set by route.ts)
);

-- The run's files, in order, and where each one's rows start in ingest_batch (stage.ts appends to both).
-- Session variables rather than a table: a join here would cost every later scan its order.
SET VARIABLE ingest_file_paths = CAST([] AS VARCHAR[]);
SET VARIABLE ingest_first_rowids = CAST([] AS BIGINT[]);

-- The run's rows with their file and line: an insert keeps the order of a single-table scan, so a row
-- without an explicit line number is line (rowid − first rowid of its file + 1). seq orders the whole run.
CREATE OR REPLACE TEMP VIEW ingest_rows AS
SELECT b.* EXCLUDE (source_line),
       getvariable('ingest_file_paths')[b.file_idx + 1] AS source_file,
       coalesce(b.source_line, b.rowid - getvariable('ingest_first_rowids')[b.file_idx + 1] + 1) AS source_line,
       b.rowid AS seq
FROM ingest_batch b
WHERE b.reason IS NULL OR b.reason NOT IN ('blank', 'restaged');

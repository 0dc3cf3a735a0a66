-- The rows of one ingest run, mapped, typed and checked: good rows (reason NULL) carry the canonical
-- values (input/output already redacted), bad rows carry the raw text and the reason, blank lines are kept
-- (reason 'blank') only so that positions stay line numbers. Temporary: it lives only inside the ingest
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
  metadata JSON
);

-- The files of the run and where each one's rows start in ingest_batch.
CREATE OR REPLACE TEMP TABLE ingest_files (
  file_idx INTEGER NOT NULL,
  path VARCHAR NOT NULL,
  first_rowid BIGINT
);

-- The run's rows with their file and line: an insert keeps the order of a single-table scan, so a row
-- without an explicit line number is line (rowid − first rowid of its file + 1). seq orders the whole run.
CREATE OR REPLACE TEMP VIEW ingest_rows AS
SELECT b.* EXCLUDE (source_line), f.path AS source_file,
       coalesce(b.source_line, b.rowid - f.first_rowid + 1) AS source_line, b.rowid AS seq
FROM ingest_batch b JOIN ingest_files f USING (file_idx)
WHERE b.reason IS DISTINCT FROM 'blank';

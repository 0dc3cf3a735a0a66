-- The rows of one ingest run, mapped, typed and checked: good rows (reason NULL) carry the canonical
-- values (input/output already redacted), bad rows carry the raw text and the reason. Temporary: it
-- lives only inside the ingest transaction.
CREATE OR REPLACE TEMP TABLE ingest_batch (
  file_idx INTEGER NOT NULL,
  source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL,
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
  content_hash VARCHAR,
  u DOUBLE
)

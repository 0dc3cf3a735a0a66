-- The canonical table: one row per sampled production request (see data/record.ts).
CREATE TABLE records (
  id VARCHAR NOT NULL,
  ts TIMESTAMP WITH TIME ZONE NOT NULL,
  tenant_id VARCHAR NOT NULL,
  workflow VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  prompt_version VARCHAR NOT NULL,
  input VARCHAR,
  output VARCHAR,
  category VARCHAR,
  confidence DOUBLE,
  input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cached_input_tokens BIGINT NOT NULL DEFAULT 0,
  latency_ms DOUBLE NOT NULL,
  status VARCHAR NOT NULL,
  fallback BOOLEAN NOT NULL,
  human_override BOOLEAN NOT NULL,
  metadata JSON,
  sample_rate DOUBLE NOT NULL DEFAULT 1,
  content_hash VARCHAR,
  source_file VARCHAR,
  source_line BIGINT,
  ingest_run_id VARCHAR
);

-- Records that failed validation: never dropped silently.
CREATE TABLE quarantine (
  ingest_run_id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL,
  raw VARCHAR,
  reason VARCHAR NOT NULL,
  field VARCHAR,
  quarantined_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Re-delivered ids whose content differs from what is stored (the stored row is kept).
CREATE TABLE ingest_conflicts (
  ingest_run_id VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  source_line BIGINT NOT NULL,
  stored_hash VARCHAR,
  new_hash VARCHAR,
  detected_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Every run of every job.
CREATE TABLE job_runs (
  run_id VARCHAR PRIMARY KEY,
  job VARCHAR NOT NULL,
  params JSON,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at TIMESTAMP WITH TIME ZONE,
  status VARCHAR NOT NULL, -- running | succeeded | failed | abandoned
  counts JSON,
  error_code VARCHAR,
  error_message VARCHAR
);

-- Records an ingest's mapping filtered out (spans that are not LLM requests, batches holding no records):
-- not errors, so not quarantined, but counted per run, file and reason, so none vanish unseen.
CREATE TABLE ingest_filtered (
  ingest_run_id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  records BIGINT NOT NULL,
  first_line BIGINT NOT NULL
);

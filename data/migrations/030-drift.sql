-- One row per drift run: the windows compared and the settings that decided what counts.
CREATE TABLE drift_runs (
  run_id VARCHAR PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  window_start DATE NOT NULL,
  window_end DATE NOT NULL, -- exclusive
  reference_start DATE NOT NULL,
  reference_end DATE NOT NULL, -- exclusive
  unknown_categories VARCHAR[] NOT NULL,
  unknown_includes_null BOOLEAN NOT NULL,
  low_confidence_threshold DOUBLE NOT NULL,
  min_sample_size INTEGER NOT NULL,
  fdr DOUBLE NOT NULL,
  cost_source VARCHAR,
  skipped JSON
);

-- One row per segment × metric × test of a drift run.
CREATE TABLE drift_results (
  run_id VARCHAR NOT NULL,
  window_start DATE NOT NULL,
  window_end DATE NOT NULL,
  reference_start DATE NOT NULL,
  reference_end DATE NOT NULL,
  segment_type VARCHAR NOT NULL, -- overall | workflow | tenant_workflow | model | prompt_version
  segment VARCHAR NOT NULL, -- 'all', 'workflow=triage', 'tenant_id=acme/workflow=triage', …
  tenant_id VARCHAR,
  workflow VARCHAR,
  metric VARCHAR NOT NULL,
  test VARCHAR NOT NULL,
  n_current BIGINT NOT NULL,
  n_reference BIGINT NOT NULL,
  statistic DOUBLE,
  p_value DOUBLE,
  p_adjusted DOUBLE, -- Benjamini–Hochberg over the run
  effect DOUBLE,
  threshold DOUBLE NOT NULL, -- the effect size from which a significant result is a finding
  severity VARCHAR NOT NULL, -- insufficient_data | none | low | medium | high
  details JSON
);

-- Daily p-chart points of every rate test of a drift run (both windows; the current one graded).
CREATE TABLE drift_daily (
  run_id VARCHAR NOT NULL,
  day DATE NOT NULL,
  period VARCHAR NOT NULL, -- current | reference
  segment_type VARCHAR NOT NULL,
  segment VARCHAR NOT NULL,
  tenant_id VARCHAR,
  workflow VARCHAR,
  metric VARCHAR NOT NULL,
  test VARCHAR NOT NULL,
  requests BIGINT NOT NULL,
  count BIGINT NOT NULL,
  rate DOUBLE NOT NULL,
  centre DOUBLE NOT NULL,
  lcl DOUBLE NOT NULL,
  ucl DOUBLE NOT NULL,
  z DOUBLE NOT NULL,
  severity VARCHAR NOT NULL
);

-- New records of the run: kept rows that are not a later copy of an id, with the inclusion probability
-- times the upstream rate as sample_rate. The later copies are flagged on their rows rather than
-- anti-joined here: a join would cost the insert its batch order, and with it its parallelism. The text is
-- redacted here, in the parallel scan that writes it (data/ingest/redaction.ts).
INSERT INTO records
SELECT b.id, b.ts, b.tenant_id, b.workflow, b.model, b.prompt_version, b.input, b.output, b.category, b.confidence,
       b.input_tokens, b.output_tokens, b.cached_input_tokens, b.latency_ms, b.status, b.fallback, b.human_override,
       b.metadata, b.p * $upstream_rate AS sample_rate, b.source_file, b.source_line, $run_id
FROM /*redacted*/ ingest_kept b
WHERE b.p IS NOT NULL AND b.repeated IS NULL

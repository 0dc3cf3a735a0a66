-- New records of the run, with the inclusion probability times the upstream rate as sample_rate.
INSERT INTO records
SELECT b.id, b.ts, b.tenant_id, b.workflow, b.model, b.prompt_version, b.input, b.output, b.category, b.confidence,
       b.input_tokens, b.output_tokens, b.cached_input_tokens, b.latency_ms, b.status, b.fallback, b.human_override,
       b.metadata, r.p * $upstream_rate AS sample_rate, b.content_hash, b.source_file, b.source_line, $run_id
FROM ingest_rows b JOIN ingest_route r ON r.rid = b.seq
WHERE r.decision = 'insert'
ORDER BY b.file_idx, b.source_line, b.seq

-- The ingest benchmark's input, from the demo generator's table demo_logs (realistic text with emails,
-- phones, cards and IBANs): $n good records in time order, one bad line after every 1000th record
-- (truncated JSON, negative tokens, an unparseable timestamp, an unknown status, a missing tenant, in
-- turn), and a late re-delivery at the end: every 100th record again unchanged (duplicates) and every
-- 10000th with another latency (conflicts). Written as JSON Lines by COPY.
COPY (
  WITH base AS (
    SELECT row_number() OVER (ORDER BY ts, id) AS n,
           CAST(to_json({'id': id, 'ts': ts, 'tenant_id': tenant_id, 'workflow': workflow, 'model': model,
                         'prompt_version': prompt_version, 'input': input, 'output': output, 'category': category,
                         'confidence': confidence, 'input_tokens': input_tokens, 'output_tokens': output_tokens,
                         'cached_input_tokens': cached_input_tokens, 'latency_ms': latency_ms, 'status': status,
                         'fallback': fallback, 'human_override': human_override, 'metadata': metadata}) AS VARCHAR) AS line
    FROM demo_logs
    QUALIFY n <= $n
  ),
  bad AS (
    SELECT n, CASE (n // 1000) % 5
                WHEN 0 THEN left(line, 80)
                WHEN 1 THEN replace(line, '"input_tokens":', '"input_tokens":-')
                WHEN 2 THEN regexp_replace(line, '"ts":"[^"]*"', '"ts":"not a time"')
                WHEN 3 THEN regexp_replace(line, '"status":"[a-z]+"', '"status":"done"')
                ELSE replace(line, '"tenant_id":', '"tenant":')
              END AS line
    FROM base WHERE n % 1000 = 500
  ),
  redelivered AS (
    SELECT n, line FROM base WHERE n % 100 = 7
    UNION ALL
    SELECT n, regexp_replace(line, '"latency_ms":[0-9.]+', '"latency_ms":1.5') FROM base WHERE n % 10000 = 3
  )
  SELECT line FROM (
    SELECT n AS pos, 0 AS part, line FROM base
    UNION ALL SELECT n, 1, line FROM bad
    UNION ALL SELECT $n + n, 2, line FROM redelivered
  ) ORDER BY pos, part
) TO $file (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')

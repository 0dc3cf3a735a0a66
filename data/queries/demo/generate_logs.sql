-- Synthetic production logs for the demo: 5 tenants, 4 workflows, 6 models, prompt versions,
-- weekday/weekend and hour-of-day seasonality, realistic token/latency/confidence distributions
-- and PII in the text. Three events are planted in the last 7 days:
--   1. support_triage for tenant acme answers 'unknown' ~18% (baseline ~3%) from the 4th day
--      of the last week (a new prompt version v3 rolled out that day);
--   2. draft_reply latency rises ~1.8x from the 2nd day of the last week, all tenants;
--   3. summarize_ticket for globex moves from gpt-4o-mini to gpt-4o with ~40% longer inputs
--      from the 1st day of the last week (a cost jump).
-- Deterministic: every random draw is a hash of the request key, so the same parameters give
-- the same logs. Parameters: $start (DATE, first day), $days, $scale (volume multiplier).
CREATE OR REPLACE TEMP TABLE demo_logs AS
WITH days AS (
  SELECT d, CAST($start AS DATE) + CAST(d AS INTEGER) AS day, isodow(CAST($start AS DATE) + CAST(d AS INTEGER)) AS dow,
         d >= $days - 7 AS last_week, d - ($days - 7) AS last_week_day
  FROM range(CAST($days AS BIGINT)) t(d)
),
tenants(tenant_id, weight, region) AS (
  VALUES ('acme', 1.0, 'us'), ('globex', 0.6, 'eu'), ('initech', 0.35, 'us'), ('umbrella', 0.2, 'eu'), ('hooli', 0.006, 'us')
),
workflows(workflow, base, kind) AS (
  VALUES ('support_triage', 900, 'classify'), ('summarize_ticket', 450, 'summarize'),
         ('draft_reply', 380, 'generate'), ('extract_invoice', 200, 'extract')
),
plan AS (
  SELECT d, day, dow, last_week, last_week_day, tenant_id, region, workflow, kind,
         CAST(round(base * weight * $scale * CASE WHEN dow >= 6 THEN 0.45 ELSE 1.0 END
               * (1 + 0.01 * d)) AS BIGINT) AS n
  FROM days, tenants, workflows
),
reqs AS (
  SELECT *, unnest(range(n)) AS k FROM plan
),
keyed AS (
  SELECT *, tenant_id || '|' || workflow || '|' || CAST(day AS VARCHAR) || '|' || CAST(k AS VARCHAR) AS key FROM reqs
),
drawn AS (
  SELECT *,
    demo_u(key, 1) AS u_cat, demo_u(key, 2) AS u_model, demo_u(key, 3) AS u_status, demo_u(key, 4) AS u_fallback,
    demo_u(key, 5) AS u_override, demo_u(key, 6) AS u_hour, demo_u(key, 7) AS u_conf, demo_u(key, 8) AS u_cache,
    demo_u(key, 9) AS u_pii, demo_normal(key, 10) AS z_in, demo_normal(key, 11) AS z_out, demo_normal(key, 12) AS z_lat,
    (kind = 'classify' AND tenant_id = 'acme' AND last_week AND last_week_day >= 3) AS spike,
    (kind = 'generate' AND last_week AND last_week_day >= 1) AS slow,
    (kind = 'summarize' AND tenant_id = 'globex' AND last_week) AS pricier
  FROM keyed
),
modelled AS (
  SELECT *,
    CASE
      WHEN kind = 'classify' THEN 'gpt-4o-mini-2024-07-18'
      WHEN kind = 'summarize' AND pricier THEN 'gpt-4o-2024-08-06'
      WHEN kind = 'summarize' AND tenant_id IN ('acme', 'globex') THEN 'gpt-4o-mini-2024-07-18'
      WHEN kind = 'summarize' THEN 'gemini-2.0-flash'
      WHEN kind = 'generate' AND tenant_id = 'acme' THEN 'claude-sonnet-4-20250514'
      WHEN kind = 'generate' THEN 'gpt-4o-2024-08-06'
      WHEN kind = 'extract' AND tenant_id = 'acme' AND u_model < 0.15 THEN 'acme-invoice-ft-v2'
      ELSE 'gpt-4o-mini-2024-07-18'
    END AS primary_model,
    u_fallback < CASE WHEN kind = 'generate' THEN 0.03 ELSE 0.015 END AS fallback,
    CASE WHEN u_status < 0.008 THEN 'error' WHEN u_status < 0.012 THEN 'timeout' ELSE 'ok' END AS status,
    CASE
      WHEN kind = 'classify' THEN
        CASE WHEN u_cat < (CASE WHEN spike THEN 0.18 ELSE 0.03 END) THEN 'unknown'
             WHEN u_cat < 0.33 THEN 'billing' WHEN u_cat < 0.57 THEN 'shipping' WHEN u_cat < 0.72 THEN 'returns'
             WHEN u_cat < 0.88 THEN 'technical' ELSE 'account' END
      WHEN kind = 'summarize' THEN
        CASE WHEN u_cat < 0.01 THEN 'unknown' WHEN u_cat < 0.45 THEN 'low' WHEN u_cat < 0.85 THEN 'medium' ELSE 'high' END
      WHEN kind = 'generate' THEN
        CASE WHEN u_cat < 0.01 THEN 'unknown' WHEN u_cat < 0.6 THEN 'answer' WHEN u_cat < 0.85 THEN 'clarify' ELSE 'escalate' END
      ELSE
        CASE WHEN u_cat < 0.04 THEN 'unknown' WHEN u_cat < 0.7 THEN 'invoice' WHEN u_cat < 0.9 THEN 'receipt' ELSE 'other' END
    END AS category
  FROM drawn
),
shaped AS (
  SELECT *,
    CASE WHEN fallback THEN (CASE WHEN kind = 'generate' THEN 'gpt-4o-mini-2024-07-18' ELSE 'claude-3-5-haiku-20241022' END)
         ELSE primary_model END AS model,
    CASE kind
      WHEN 'classify' THEN CASE WHEN spike THEN 'triage-v3' WHEN d < 14 THEN 'triage-v1' ELSE 'triage-v2' END
      WHEN 'summarize' THEN 'summ-v4'
      WHEN 'generate' THEN CASE WHEN d < 21 THEN 'reply-v7' ELSE 'reply-v8' END
      ELSE 'extract-v2'
    END AS prompt_version,
    greatest(20, CAST(round(exp(ln(CASE kind WHEN 'classify' THEN 420 WHEN 'summarize' THEN 1600 WHEN 'generate' THEN 900 ELSE 2400 END)
      + 0.35 * z_in) * CASE WHEN pricier THEN 1.4 ELSE 1.0 END) AS BIGINT)) AS input_tokens,
    greatest(1, CAST(round(exp(ln(CASE kind WHEN 'classify' THEN 6 WHEN 'summarize' THEN 180 WHEN 'generate' THEN 320 ELSE 260 END)
      + 0.3 * z_out)) AS BIGINT)) AS output_tokens
  FROM modelled
),
timed AS (
  SELECT *,
    CASE WHEN status = 'timeout' THEN 30000.0
      ELSE round((CASE WHEN model LIKE 'gpt-4o-mini%' THEN 350 WHEN model LIKE 'gpt-4o%' THEN 700 WHEN model LIKE 'claude-sonnet%' THEN 900
                       WHEN model LIKE 'claude-3-5-haiku%' THEN 400 WHEN model LIKE 'gemini%' THEN 300 ELSE 500 END
                 + output_tokens * CASE WHEN model LIKE 'gpt-4o-mini%' THEN 9 WHEN model LIKE 'gpt-4o%' THEN 14 WHEN model LIKE 'claude-sonnet%' THEN 16
                                        WHEN model LIKE 'gemini%' THEN 6 ELSE 10 END)
                * exp(0.25 * z_lat) * CASE WHEN slow THEN 1.8 ELSE 1.0 END, 1) END AS latency_ms,
    day + to_seconds(CAST(86400 * CASE WHEN u_hour < 0.8 THEN 0.29 + 0.46 * demo_u(key, 13) ELSE demo_u(key, 14) END AS BIGINT)) AS ts_local
  FROM shaped
)
SELECT
  'req_' || substr(md5(key), 1, 20) AS id,
  strftime(ts_local, '%Y-%m-%dT%H:%M:%SZ') AS ts,
  tenant_id, workflow, model, prompt_version,
  CASE kind
    WHEN 'classify' THEN 'Customer message: ' ||
      CASE WHEN u_pii < 0.15 THEN 'I was charged twice for order ORD-' || CAST(10000 + k AS VARCHAR) || '. Reach me at ' || lower(tenant_id) || '.customer' || CAST(k AS VARCHAR) || '@example.com.'
           WHEN u_pii < 0.25 THEN 'Please call me back on +1 415 555 ' || lpad(CAST(k % 10000 AS VARCHAR), 4, '0') || ', my parcel never arrived.'
           WHEN u_pii < 0.30 THEN 'Refund to card 4111 1111 1111 1111 please, order ' || CAST(200000 + k AS VARCHAR) || ' was wrong.'
           ELSE 'Question about ' || category || ' for account ' || CAST(1000 + k % 977 AS VARCHAR) || ': the app shows an error after the last update.' END
    WHEN 'summarize' THEN 'Summarize ticket #' || CAST(50000 + k AS VARCHAR) || ': customer reports intermittent failures since the ' || dayname(day) || ' release.'
    WHEN 'generate' THEN 'Draft a reply to: ' || CASE WHEN u_pii < 0.1 THEN 'Hi, this is Dana (dana.' || CAST(k AS VARCHAR) || '@corp.example), IBAN DE89 3704 0044 0532 0130 00 for the refund.' ELSE 'Where is my order? It was due last week.' END
    ELSE 'Extract fields from invoice INV-' || CAST(900000 + k AS VARCHAR) || ' total ' || CAST(round(50 + 900 * u_cat, 2) AS VARCHAR) || ' EUR'
  END AS input,
  CASE WHEN status <> 'ok' THEN NULL
    WHEN kind = 'classify' THEN '{"category":"' || category || '"}'
    WHEN kind = 'summarize' THEN 'Customer reports intermittent failures; priority ' || category || '.'
    WHEN kind = 'generate' THEN 'Thanks for reaching out — we are looking into your order and will update you within 24 hours.'
    ELSE '{"invoice_no":"INV-' || CAST(900000 + k AS VARCHAR) || '","currency":"EUR"}'
  END AS output,
  CASE WHEN status <> 'ok' THEN NULL ELSE category END AS category,
  CASE WHEN status <> 'ok' OR kind = 'generate' THEN NULL
       WHEN category = 'unknown' THEN round(0.15 + 0.3 * u_conf, 4)
       ELSE round(0.55 + 0.45 * sqrt(u_conf), 4) END AS confidence,
  input_tokens,
  CASE WHEN status = 'ok' THEN output_tokens ELSE 0 END AS output_tokens,
  CASE WHEN model LIKE 'gpt-%' AND u_cache < 0.5 THEN CAST(floor(input_tokens * 0.5 / 128) * 128 AS BIGINT) ELSE 0 END AS cached_input_tokens,
  latency_ms,
  status,
  fallback,
  (status = 'ok' AND u_override < CASE WHEN category = 'unknown' THEN 0.35 WHEN kind = 'generate' THEN 0.06 ELSE 0.02 END) AS human_override,
  {'region': region, 'channel': CASE WHEN u_model < 0.7 THEN 'web' ELSE 'email' END} AS metadata,
  CAST(day AS VARCHAR) AS day
FROM timed
ORDER BY ts_local, id;

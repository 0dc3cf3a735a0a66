-- One row per record with the price in effect at its ts (model_prices: the active price versions, resolved
-- per model id by the cost job) and the tenant's negotiated terms (tenant_model_prices). Unpriced records
-- have cost_usd NULL and unpriced_reason set: never a silent 0. est_* scale by 1/sample_rate.
WITH joined AS (
  SELECT r.id, r.ts, r.tenant_id, r.workflow, r.model, r.prompt_version, r.status, r.fallback, r.human_override,
         r.sample_rate, r.input_tokens, r.cached_input_tokens, r.output_tokens,
         p.model IS NOT NULL AS resolved, p.version AS price_version, p.price_id AS list_price_id, p.provider, p.price_model,
         p.unpriced_reason AS list_unpriced_reason,
         t.rule AS tenant_rule, coalesce(t.discount, 0) AS discount, t.input_mtok IS NOT NULL AS tenant_priced,
         t.input_mtok IS NULL AND r.input_tokens > p.tier_threshold_tokens AS tiered,
         CASE WHEN t.input_mtok IS NOT NULL THEN t.input_mtok
              WHEN r.input_tokens > p.tier_threshold_tokens THEN p.tier_input_mtok ELSE p.input_mtok END AS in_mtok,
         CASE WHEN t.input_mtok IS NOT NULL THEN t.cached_input_mtok
              WHEN r.input_tokens > p.tier_threshold_tokens THEN coalesce(p.tier_cached_input_mtok, p.tier_input_mtok)
              ELSE coalesce(p.cached_input_mtok, p.input_mtok) END AS cached_mtok,
         CASE WHEN t.input_mtok IS NOT NULL THEN t.output_mtok
              WHEN r.input_tokens > p.tier_threshold_tokens THEN p.tier_output_mtok ELSE p.output_mtok END AS out_mtok,
         CASE WHEN t.input_mtok IS NOT NULL THEN t.request_usd ELSE p.request_usd END AS req_usd,
         t.input_mtok IS NOT NULL OR (p.input_mtok IS NOT NULL OR p.output_mtok IS NOT NULL OR p.request_usd IS NOT NULL) AS priced
  FROM records r
  LEFT JOIN model_prices p
    ON p.model = r.model AND r.ts >= p.effective_from AND r.ts < p.effective_to
   AND utc_time_of_day_us(r.ts) >= p.time_from_us AND utc_time_of_day_us(r.ts) < p.time_to_us
  LEFT JOIN tenant_model_prices t
    ON t.tenant_id = r.tenant_id AND t.model = r.model AND r.ts >= t.effective_from AND r.ts < t.effective_to
), costed AS (
  SELECT *,
         CASE WHEN priced THEN greatest(input_tokens - cached_input_tokens, 0) * coalesce(in_mtok, 0) * (1 - discount) / 1e6 END AS input_cost_usd,
         CASE WHEN priced THEN cached_input_tokens * coalesce(cached_mtok, 0) * (1 - discount) / 1e6 END AS cached_input_cost_usd,
         CASE WHEN priced THEN output_tokens * coalesce(out_mtok, 0) * (1 - discount) / 1e6 END AS output_cost_usd,
         CASE WHEN priced THEN coalesce(req_usd, 0) * (1 - discount) END AS request_cost_usd
  FROM joined
)
SELECT id, ts, utc_day(ts) AS day, iso_week(utc_week_start(ts)) AS week, utc_week_start(ts) AS week_start,
       tenant_id, workflow, model, prompt_version, status, fallback, human_override, sample_rate,
       input_tokens, cached_input_tokens, output_tokens,
       CASE WHEN NOT priced THEN NULL WHEN tenant_priced THEN tenant_rule ELSE list_price_id END AS price_id,
       priced, price_version, provider, price_model, tenant_rule, discount, tiered,
       input_cost_usd, cached_input_cost_usd, output_cost_usd, request_cost_usd,
       input_cost_usd + cached_input_cost_usd + output_cost_usd + request_cost_usd AS cost_usd,
       (input_cost_usd + cached_input_cost_usd + output_cost_usd + request_cost_usd) / sample_rate AS est_cost_usd,
       CASE WHEN priced THEN NULL WHEN NOT resolved THEN 'model not resolved yet: run assay cost' ELSE list_unpriced_reason END AS unpriced_reason
FROM costed

-- One row per record with the price in effect at its ts (model_prices: the active price versions resolved per
-- model id by the cost job, one row per piece of time and range of input tokens, defaults filled in) and the
-- tenant's negotiated terms (tenant_model_prices: a discount on the list price, or the tenant's own prices).
-- Unpriced records have cost_usd NULL and unpriced_reason set: never a silent 0. est_* scale by 1/sample_rate.
-- day and week_start are computed on the records before the joins, so a filter on either (a report's week) is
-- applied there: over the output it ran after joining every record of history (1.1 s instead of 0.3 s at 10M).
WITH priced AS (
  SELECT r.id, r.ts, r.day, r.week_start, r.tenant_id, r.workflow, r.model, r.prompt_version, r.status, r.fallback, r.human_override,
         r.sample_rate, r.input_tokens, r.cached_input_tokens, r.output_tokens,
         p.model IS NOT NULL AS resolved, p.version AS price_version, p.price_id AS list_price_id, p.provider, p.price_model,
         p.unpriced_reason AS list_unpriced_reason, p.tiered AND t.input_mtok IS NULL AS tiered,
         t.rule AS tenant_rule, coalesce(t.discount, 0) AS discount, t.input_mtok IS NOT NULL AS tenant_priced,
         coalesce(t.input_mtok, p.input_mtok * (1 - coalesce(t.discount, 0))) AS in_mtok,
         coalesce(t.cached_input_mtok, p.cached_input_mtok * (1 - coalesce(t.discount, 0))) AS cached_mtok,
         coalesce(t.output_mtok, p.output_mtok * (1 - coalesce(t.discount, 0))) AS out_mtok,
         coalesce(t.request_usd, p.request_usd * (1 - coalesce(t.discount, 0))) AS req_usd
  FROM (SELECT *, utc_day(ts) AS day, utc_week_start(ts) AS week_start FROM records) r
  LEFT JOIN model_prices p
    ON p.model = r.model AND r.ts >= p.effective_from AND r.ts < p.effective_to
   AND utc_time_of_day_us(r.ts) >= p.time_from_us AND utc_time_of_day_us(r.ts) < p.time_to_us
   AND r.input_tokens >= p.input_tokens_from AND r.input_tokens < p.input_tokens_to
  LEFT JOIN tenant_model_prices t
    ON t.tenant_id = r.tenant_id AND t.model = r.model AND r.ts >= t.effective_from AND r.ts < t.effective_to
), costed AS (
  SELECT *,
         greatest(input_tokens - cached_input_tokens, 0) * in_mtok / 1e6 AS input_cost_usd,
         cached_input_tokens * cached_mtok / 1e6 AS cached_input_cost_usd,
         output_tokens * out_mtok / 1e6 AS output_cost_usd,
         req_usd AS request_cost_usd
  FROM priced
)
SELECT id, ts, day, iso_week(week_start) AS week, week_start,
       tenant_id, workflow, model, prompt_version, status, fallback, human_override, sample_rate,
       input_tokens, cached_input_tokens, output_tokens,
       CASE WHEN in_mtok IS NULL THEN NULL WHEN tenant_priced THEN tenant_rule ELSE list_price_id END AS price_id,
       in_mtok IS NOT NULL AS priced, price_version, provider, price_model, tenant_rule, discount, tiered,
       input_cost_usd, cached_input_cost_usd, output_cost_usd, request_cost_usd,
       input_cost_usd + cached_input_cost_usd + output_cost_usd + request_cost_usd AS cost_usd,
       (input_cost_usd + cached_input_cost_usd + output_cost_usd + request_cost_usd) / sample_rate AS est_cost_usd,
       CASE WHEN in_mtok IS NOT NULL THEN NULL WHEN NOT resolved THEN 'model not resolved yet: run assay cost' ELSE list_unpriced_reason END AS unpriced_reason
FROM costed

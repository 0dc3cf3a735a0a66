-- Week-over-week change of the estimated cost of each tenant and each workflow, per model cell, split into
-- volume, model-mix, tokens-per-request and price effects (Shapley decomposition of cost = Q·s·t·p summed
-- over models and token kinds; docs/cost.md "Explaining a change"). The four effects add up to delta_usd.
-- Priced records only; a model that appears or disappears counts in the mix effect.
WITH cells AS MATERIALIZED (
  SELECT week_start, tenant_id, workflow, model,
         sum(1.0 / sample_rate) AS requests,
         sum(greatest(input_tokens - cached_input_tokens, 0) / sample_rate) AS input_tokens,
         sum(cached_input_tokens / sample_rate) AS cached_input_tokens,
         sum(output_tokens / sample_rate) AS output_tokens,
         sum(input_cost_usd / sample_rate) AS input_cost,
         sum(cached_input_cost_usd / sample_rate) AS cached_input_cost,
         sum(output_cost_usd / sample_rate) AS output_cost,
         sum(request_cost_usd / sample_rate) AS request_cost
  FROM record_costs
  WHERE priced
  GROUP BY ALL
), scoped AS (
  SELECT week_start, 'tenant' AS scope, tenant_id AS scope_id, model, sum(requests) AS r,
         sum(input_tokens) AS t_in, sum(cached_input_tokens) AS t_cached, sum(output_tokens) AS t_out,
         sum(input_cost) AS c_in, sum(cached_input_cost) AS c_cached, sum(output_cost) AS c_out, sum(request_cost) AS c_req
  FROM cells GROUP BY ALL
  UNION ALL
  SELECT week_start, 'workflow', workflow, model, sum(requests),
         sum(input_tokens), sum(cached_input_tokens), sum(output_tokens),
         sum(input_cost), sum(cached_input_cost), sum(output_cost), sum(request_cost)
  FROM cells GROUP BY ALL
), kinds AS (
  SELECT week_start, scope, scope_id, model, r, k.kind, k.tokens, k.cost
  FROM scoped,
       unnest([{'kind': 'input', 'tokens': t_in, 'cost': c_in}, {'kind': 'cached_input', 'tokens': t_cached, 'cost': c_cached},
               {'kind': 'output', 'tokens': t_out, 'cost': c_out}, {'kind': 'request', 'tokens': r, 'cost': c_req}]) AS u(k)
), totals AS (
  SELECT week_start, scope, scope_id, sum(r) AS q FROM scoped GROUP BY ALL
), record_weeks AS MATERIALIZED (
  SELECT DISTINCT utc_week_start(ts) AS week_start FROM records
), weeks AS (
  -- a week is compared with the one before only when that one has records at all
  SELECT week_start, week_start - 7 AS prev_start FROM record_weeks WHERE week_start - 7 IN (SELECT week_start FROM record_weeks)
), cell_keys AS (
  SELECT DISTINCT w.week_start, w.prev_start, k.scope, k.scope_id, k.model, k.kind
  FROM weeks w JOIN kinds k ON k.week_start = w.week_start OR k.week_start = w.prev_start
), cell_pairs AS (
  SELECT k.week_start, k.prev_start, k.scope, k.scope_id, k.model, k.kind,
         coalesce(tp.q, 0) AS q0, coalesce(tc.q, 0) AS q1,
         coalesce(p.r, 0) AS r0, coalesce(c.r, 0) AS r1, coalesce(p.tokens, 0) AS t0, coalesce(c.tokens, 0) AS t1,
         coalesce(p.cost, 0) AS c0, coalesce(c.cost, 0) AS c1
  FROM cell_keys k
  LEFT JOIN kinds c ON c.week_start = k.week_start AND c.scope = k.scope AND c.scope_id = k.scope_id AND c.model = k.model AND c.kind = k.kind
  LEFT JOIN kinds p ON p.week_start = k.prev_start AND p.scope = k.scope AND p.scope_id = k.scope_id AND p.model = k.model AND p.kind = k.kind
  LEFT JOIN totals tc ON tc.week_start = k.week_start AND tc.scope = k.scope AND tc.scope_id = k.scope_id
  LEFT JOIN totals tp ON tp.week_start = k.prev_start AND tp.scope = k.scope AND tp.scope_id = k.scope_id
), factors AS (
  -- share s = r/q, tokens per request t = tokens/r, price per token p = cost/tokens; a factor undefined in one
  -- week (no requests, no tokens) takes its value from the other week, so it contributes no effect of its own
  SELECT *,
         coalesce(r0 / nullif(q0, 0), r1 / nullif(q1, 0)) AS s0, coalesce(r1 / nullif(q1, 0), r0 / nullif(q0, 0)) AS s1,
         coalesce(t0 / nullif(r0, 0), t1 / nullif(r1, 0), 0) AS u0, coalesce(t1 / nullif(r1, 0), t0 / nullif(r0, 0), 0) AS u1,
         coalesce(c0 / nullif(t0, 0), c1 / nullif(t1, 0), 0) AS p0, coalesce(c1 / nullif(t1, 0), c0 / nullif(t0, 0), 0) AS p1
  FROM cell_pairs
)
SELECT iso_week(week_start) AS week, week_start, iso_week(prev_start) AS prev_week, scope, scope_id, model,
       sum(r0) FILTER (WHERE kind = 'request') AS prev_est_requests,
       sum(r1) FILTER (WHERE kind = 'request') AS est_requests,
       sum(c0) AS prev_est_cost_usd,
       sum(c1) AS est_cost_usd,
       sum(c1) - sum(c0) AS delta_usd,
       sum(shapley4(q1 - q0, s0, s1, u0, u1, p0, p1)) AS volume_effect_usd,
       sum(shapley4(s1 - s0, q0, q1, u0, u1, p0, p1)) AS mix_effect_usd,
       sum(shapley4(u1 - u0, q0, q1, s0, s1, p0, p1)) AS tokens_effect_usd,
       sum(shapley4(p1 - p0, q0, q1, s0, s1, u0, u1)) AS price_effect_usd
FROM factors
GROUP BY week_start, prev_start, scope, scope_id, model

-- Per ISO week, tenant and workflow: money spent on requests a fallback answered, on failed requests
-- (error or timeout: burnt for nothing) and on answers a human overrode; shares of est_cost_usd (NULL when 0).
SELECT iso_week(week_start) AS week, week_start, tenant_id, workflow,
       count(*) AS requests,
       sum(est_cost_usd) AS est_cost_usd,
       coalesce(sum(est_cost_usd) FILTER (WHERE fallback), 0) AS est_fallback_cost_usd,
       coalesce(sum(est_cost_usd) FILTER (WHERE status IN ('error', 'timeout')), 0) AS est_failed_cost_usd,
       coalesce(sum(est_cost_usd) FILTER (WHERE human_override), 0) AS est_overridden_cost_usd,
       coalesce(sum(est_cost_usd) FILTER (WHERE fallback), 0) / nullif(sum(est_cost_usd), 0) AS fallback_share,
       coalesce(sum(est_cost_usd) FILTER (WHERE status IN ('error', 'timeout')), 0) / nullif(sum(est_cost_usd), 0) AS failed_share,
       coalesce(sum(est_cost_usd) FILTER (WHERE human_override), 0) / nullif(sum(est_cost_usd), 0) AS overridden_share,
       count(*) FILTER (WHERE NOT priced) AS unpriced_requests
FROM record_costs
GROUP BY week_start, tenant_id, workflow

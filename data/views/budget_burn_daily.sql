-- Per budget (cost_budgets, from cost.budgets) and every UTC day of the data's coverage: month-to-date
-- estimated cost, a linear and a weekday-aware forecast to month end, and the burn ratios (docs/cost.md,
-- "Budgets", has the formulas; NULL for a $0 budget, which over_budget calls exceeded by any spend). Days before the first record are not counted as zero-spend days.
WITH coverage AS (
  SELECT utc_day(min(ts)) AS first_day, utc_day(max(ts)) AS last_day FROM records
), daily AS (
  SELECT day, tenant_id, workflow, sum(est_cost_usd) AS est_cost_usd, count(*) FILTER (WHERE NOT priced) AS unpriced_requests
  FROM record_costs
  WHERE tenant_id IN (SELECT scope_id FROM cost_budgets WHERE scope = 'tenant')
     OR workflow IN (SELECT scope_id FROM cost_budgets WHERE scope = 'workflow')
  GROUP BY ALL
), scoped AS (
  SELECT b.scope, b.scope_id, d.day, sum(d.est_cost_usd) AS est_cost_usd, sum(d.unpriced_requests) AS unpriced_requests
  FROM cost_budgets b
  JOIN daily d ON (b.scope = 'tenant' AND d.tenant_id = b.scope_id) OR (b.scope = 'workflow' AND d.workflow = b.scope_id)
  GROUP BY ALL
), series AS (
  SELECT b.scope, b.scope_id, b.monthly_budget_usd, CAST(g.d AS DATE) AS day,
         coalesce(s.est_cost_usd, 0) AS est_cost_usd, coalesce(s.unpriced_requests, 0) AS unpriced_requests
  FROM cost_budgets b
  CROSS JOIN coverage c
  CROSS JOIN generate_series(c.first_day, c.last_day, INTERVAL 1 DAY) AS g(d)
  LEFT JOIN scoped s ON s.scope = b.scope AND s.scope_id = b.scope_id AND s.day = CAST(g.d AS DATE)
), windowed AS (
  SELECT *,
         CAST(date_trunc('month', day) AS DATE) AS month_start,
         CAST(date_trunc('month', day) + INTERVAL 1 MONTH AS DATE) - day - 1 AS days_left,
         sum(est_cost_usd) OVER m AS mtd_est_cost_usd,
         sum(unpriced_requests) OVER m AS mtd_unpriced_requests,
         count(*) OVER m AS days_counted,
         avg(est_cost_usd) OVER w AS recent_daily_avg,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 1) OVER w AS avg_mon,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 2) OVER w AS avg_tue,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 3) OVER w AS avg_wed,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 4) OVER w AS avg_thu,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 5) OVER w AS avg_fri,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 6) OVER w AS avg_sat,
         avg(est_cost_usd) FILTER (WHERE isodow(day) = 7) OVER w AS avg_sun
  FROM series
  WINDOW m AS (PARTITION BY scope, scope_id, date_trunc('month', day) ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         w AS (PARTITION BY scope, scope_id ORDER BY day RANGE BETWEEN INTERVAL 27 DAYS PRECEDING AND CURRENT ROW)
), forecast AS (
  SELECT *,
         mtd_est_cost_usd + mtd_est_cost_usd / days_counted * days_left AS forecast_linear_usd,
         mtd_est_cost_usd
           + days_left_on_weekday(day, days_left, 1) * coalesce(avg_mon, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 2) * coalesce(avg_tue, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 3) * coalesce(avg_wed, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 4) * coalesce(avg_thu, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 5) * coalesce(avg_fri, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 6) * coalesce(avg_sat, recent_daily_avg)
           + days_left_on_weekday(day, days_left, 7) * coalesce(avg_sun, recent_daily_avg) AS forecast_weekday_usd
  FROM windowed
)
SELECT day, strftime(day, '%Y-%m') AS month, scope, scope_id,
       monthly_budget_usd AS budget_usd,
       est_cost_usd AS day_est_cost_usd,
       mtd_est_cost_usd,
       mtd_unpriced_requests,
       forecast_linear_usd,
       forecast_weekday_usd,
       mtd_est_cost_usd / nullif(monthly_budget_usd, 0) AS burn_ratio,
       -- a $0 budget has no ratio (NULL) but is over on any spend
       CASE WHEN monthly_budget_usd = 0 THEN mtd_est_cost_usd > 0 ELSE mtd_est_cost_usd >= monthly_budget_usd END AS over_budget,
       forecast_linear_usd / nullif(monthly_budget_usd, 0) AS forecast_linear_burn_ratio,
       forecast_weekday_usd / nullif(monthly_budget_usd, 0) AS forecast_burn_ratio,
       day - month_start + 1 AS day_of_month,
       day - month_start + 1 + days_left AS days_in_month,
       days_left,
       days_counted,
       days_counted < day - month_start + 1 AS partial_month
FROM forecast

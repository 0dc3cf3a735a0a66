-- Category mix before and after, per ISO week with a drift run (see drift_week_runs): for each workflow (tenant_id
-- NULL) and tenant × workflow, how many records carried each category in the run's reference window and in the
-- week, and the shares. A record without a category (failed requests carry no label) counts as '(null)', the label
-- the drift findings' new and vanished categories give it.
-- The windows' days are UTC midnights as instants (to_timestamp(epoch(day))): compared with ts as DATEs they were
-- cast in the client's TimeZone, and an analyst's session counted other records than the report.
WITH runs AS (
  SELECT week, week_start, to_timestamp(epoch(reference_start)) AS reference_from, to_timestamp(epoch(reference_end)) AS reference_to,
         to_timestamp(epoch(window_start)) AS window_from, to_timestamp(epoch(window_end)) AS window_to
  FROM drift_week_runs
), counted AS (
  SELECT w.week, w.week_start, r.tenant_id, r.workflow, coalesce(r.category, '(null)') AS category,
         count(*) FILTER (WHERE r.ts < w.reference_to) AS reference_requests,
         count(*) FILTER (WHERE r.ts >= w.window_from) AS current_requests
  FROM runs w
  JOIN records r ON r.ts >= w.reference_from AND r.ts < w.window_to
   AND (r.ts < w.reference_to OR r.ts >= w.window_from)
  GROUP BY GROUPING SETS ((w.week, w.week_start, r.workflow, 5), (w.week, w.week_start, r.tenant_id, r.workflow, 5))
)
SELECT week, week_start, tenant_id, workflow, category, reference_requests, current_requests,
       reference_requests / nullif(sum(reference_requests) OVER seg, 0) AS reference_share,
       current_requests / nullif(sum(current_requests) OVER seg, 0) AS current_share,
       current_requests / nullif(sum(current_requests) OVER seg, 0) - reference_requests / nullif(sum(reference_requests) OVER seg, 0) AS share_change
FROM counted
WINDOW seg AS (PARTITION BY week, tenant_id, workflow)

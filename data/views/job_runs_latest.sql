-- The most recent run of each job, with its outcome and duration.
SELECT job, run_id, status, started_at, ended_at,
       date_diff('millisecond', started_at, ended_at) / 1000.0 AS duration_s,
       counts, error_code, error_message
FROM job_runs
QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC) = 1

-- The latest alerts run: whether the alerts job has evaluated this warehouse at all.
SELECT run_id, status, started_at, ended_at FROM job_runs_latest WHERE job = 'alerts'

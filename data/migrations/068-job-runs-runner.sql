-- Who runs each job: the host name and process id of the process that recorded the run. A run left 'running'
-- whose process is gone from its host (kill -9, OOM, a reboot) is shown as abandoned by `assay runs` and
-- GET /runs before the next read-write open records it so. NULL for runs recorded before.
ALTER TABLE job_runs ADD COLUMN runner_host VARCHAR;
ALTER TABLE job_runs ADD COLUMN runner_pid INTEGER;

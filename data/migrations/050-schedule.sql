-- The scheduler's memory (jobs/scheduler.ts, docs/scheduler.md): per schedule entry, the fire time it last
-- ran for, so a scheduler that was down runs a missed entry once when it comes back (missed fire times
-- coalesce), and never twice for the same fire time.
CREATE TABLE schedule_state (
  entry VARCHAR PRIMARY KEY,
  job VARCHAR NOT NULL,
  cron VARCHAR NOT NULL,
  timezone VARCHAR NOT NULL,
  armed_at TIMESTAMP WITH TIME ZONE NOT NULL, -- when this entry (with this cron) was first seen: earlier fire times are not owed
  last_fire_at TIMESTAMP WITH TIME ZONE, -- the scheduled time of the last run (NULL: not run yet)
  last_run_id VARCHAR, -- job_runs.run_id of that run
  missed INTEGER NOT NULL DEFAULT 0, -- fire times that run stood for beyond its own (the scheduler was down)
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

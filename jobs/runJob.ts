import { randomUUID } from 'node:crypto';
import { setUnknownCategories } from '../data/views.ts';
import type { z } from 'zod';
import { AssayError, errorMessage, isAssayError } from '../data/errors.ts';
import type { Warehouse } from '../data/warehouse.ts';
import { formatZodIssues, type AssayConfig } from './config.ts';
import type { JobDefinition, JobResult } from './defineJob.ts';
import { getJob } from './registry.ts';
import { thisRunner } from './runnerStatus.ts';

export interface RunJobOptions {
  wh: Warehouse;
  config: AssayConfig;
  baseDir?: string;
  progress?: (message: string) => void;
  /** Called once the run is recorded in job_runs (status 'running'), before the job starts. */
  onStart?: (runId: string) => void;
  /** The run's id, when the caller handed it out before the run could start (the HTTP API's queued runs); default newRunId. */
  runId?: string;
}

/** A run's id: the job, the UTC time to the second, and 8 random hex digits (`cost-20261130060000-1a2b3c4d`). */
export function newRunId(job: string): string {
  return `${job}-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
}

/**
 * Records a run that was given an id but never started (the server shut down while it waited in its queue, or
 * could not open the warehouse for writing then: `at` is when it tried, default now): failed with the reason, so
 * whoever holds the id reads why instead of finding no run.
 */
export async function recordNotStarted(
  wh: Warehouse, job: JobDefinition, params: unknown, runId: string, reason: AssayError, at?: { started: string; ended: string },
): Promise<void> {
  await wh.run(
    `INSERT INTO job_runs (run_id, job, params, started_at, ended_at, status, error_code, error_message)
     VALUES ($1, $2, $3, coalesce(CAST($6 AS TIMESTAMPTZ), now()), coalesce(CAST($7 AS TIMESTAMPTZ), now()), 'failed', $4, $5)`,
    [runId, job.name, JSON.stringify(params ?? {}), reason.code, reason.message, at?.started ?? null, at?.ended ?? null],
  );
}

export interface JobRunOutcome<R extends JobResult = JobResult> {
  runId: string;
  job: string;
  status: 'succeeded';
  durationMs: number;
  result: R;
}

/** A job's parameters checked against its schema (before anything is opened or recorded): an error names the bad key. */
export function parseJobParams(nameOrDef: string | JobDefinition, rawParams: unknown): unknown {
  const job = typeof nameOrDef === 'string' ? getJob(nameOrDef) : nameOrDef;
  const parsed = (job.params as z.ZodType).safeParse(rawParams ?? {});
  if (!parsed.success) {
    throw new AssayError('ASSAY_ERR_JOB_PARAMS', `Invalid parameters for job '${job.name}':\n${formatZodIssues(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * The one wrapper every front door (CLI, scheduler, HTTP) uses: validates the parameters,
 * records the run in job_runs, runs the job inside one transaction and records the outcome.
 * On failure the job's writes are rolled back, the run is marked failed with the error's code,
 * and the error is rethrown.
 */
export async function runJob<R extends JobResult = JobResult>(
  nameOrDef: string | JobDefinition,
  rawParams: unknown,
  opts: RunJobOptions,
): Promise<JobRunOutcome<R>> {
  const job = typeof nameOrDef === 'string' ? getJob(nameOrDef) : nameOrDef;
  const params = parseJobParams(job, rawParams);
  const runId = opts.runId ?? newRunId(job.name);
  const { wh } = opts;
  const started = Date.now();
  // who runs it: a reader tells a run whose process died from one still going (jobs/runnerStatus.ts)
  const runner = thisRunner();
  await wh.run(
    `INSERT INTO job_runs (run_id, job, params, started_at, status, runner_host, runner_pid) VALUES ($1, $2, $3, now(), 'running', $4, $5)`,
    [runId, job.name, JSON.stringify(params), runner.host, runner.pid],
  );
  opts.onStart?.(runId);
  const ctx = {
    wh,
    config: opts.config,
    baseDir: opts.baseDir ?? process.cwd(),
    runId,
    progress: opts.progress ?? (() => {}),
  };
  try {
    // the views' unknown_rate counts what this config calls unknown, as the drift tests do
    await setUnknownCategories(wh, opts.config.drift.unknown_categories);
    const result = (job.transactional === false
      ? await job.run(ctx, params)
      : await wh.transaction(() => job.run(ctx, params))) as R;
    await wh.run(`UPDATE job_runs SET status = 'succeeded', ended_at = now(), counts = $2 WHERE run_id = $1`, [
      runId,
      JSON.stringify(result.counts ?? {}),
    ]);
    return { runId, job: job.name, status: 'succeeded', durationMs: Date.now() - started, result };
  } catch (e) {
    const code = isAssayError(e) ? e.code : 'ASSAY_ERR_JOB_FAILED';
    await wh.run(`UPDATE job_runs SET status = 'failed', ended_at = now(), error_code = $2, error_message = $3 WHERE run_id = $1`, [
      runId,
      code,
      errorMessage(e),
    ]);
    throw e;
  }
}

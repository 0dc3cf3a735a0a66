import type { Command } from 'commander';
import { Warehouse, type Row } from '../../data/warehouse.ts';
import { runnerColumns, withSeenStatus, type RecordedRun } from '../../jobs/runnerStatus.ts';
import { getJob, JOBS } from '../../jobs/registry.ts';
import { globals, loadFor, runJobFromCli } from '../context.ts';
import { formatTable, printJson } from '../output.ts';
import { AssayError } from '../../data/errors.ts';

export function runsCommands(program: Command): void {
  program
    .command('jobs')
    .description('list the jobs Assay can run')
    .action(async (_opts: unknown, cmd: Command) => {
      await loadFor(cmd); // a bad --config is an error here too, not passed over
      const rows = JOBS.map((j) => ({ job: j.name, description: j.description }));
      if (globals(cmd).json) printJson(rows);
      else process.stdout.write(`${formatTable(rows)}\n`);
    });

  program
    .command('runs')
    .description('show recorded job runs, newest first')
    .option('--job <name>', 'only runs of this job')
    .option('--limit <n>', 'how many', '20')
    .addHelpText('after', `
A run job_runs records as 'running' whose process is gone from this host (killed with kill -9, out of memory, a
reboot) is shown as 'abandoned', error_message saying which (process 1234 on host x is gone), status_note that
job_runs records it so only at the next read-write open of the warehouse; nothing is written. A run from another
host stays 'running', status_note naming its host and process. runner_host and runner_pid say who ran each run.`)
    .action(async (opts: { job?: string; limit: string }, cmd: Command) => {
      if (!/^\d+$/.test(opts.limit) || Number(opts.limit) < 1) throw new AssayError('ASSAY_ERR_USAGE', `--limit expects a whole number of runs (1 or more), got '${opts.limit}'`);
      if (opts.job !== undefined) getJob(opts.job); // a misspelt job name is an error, not "no runs"
      const { warehousePath } = await loadFor(cmd);
      const wh = await Warehouse.open(warehousePath, { readOnly: true });
      try {
        const runner = await runnerColumns(wh);
        const rows = await wh.all<RecordedRun & Row>(
          `SELECT run_id, job, status, started_at, ended_at, counts, error_code, error_message, ${runner} FROM job_runs
           WHERE $job IS NULL OR job = $job ORDER BY started_at DESC LIMIT $limit`,
          { job: opts.job ?? null, limit: Number(opts.limit) },
        );
        // counts is a JSON column: --json gave it as a string of JSON (`jq .counts.loaded` failed on it)
        const runs = withSeenStatus(rows).map((r) => ({ ...r, counts: typeof r.counts === 'string' ? (JSON.parse(r.counts) as unknown) : r.counts }));
        if (globals(cmd).json) printJson(runs);
        else process.stdout.write(`${formatTable(runs)}\n`);
      } finally {
        wh.close();
      }
    });

  program
    .command('run')
    .description('run any job by name with JSON parameters (the same door the scheduler and HTTP API use)')
    .argument('<job>', 'job name (see `assay jobs`)')
    .option('--params <json>', 'job parameters as JSON', '{}')
    .action(async (job: string, opts: { params: string }, cmd: Command) => {
      let params: unknown;
      try {
        params = JSON.parse(opts.params);
      } catch (e) {
        throw new AssayError('ASSAY_ERR_USAGE', `--params is not valid JSON: ${(e as Error).message}`);
      }
      const outcome = await runJobFromCli(cmd, job, params);
      if (globals(cmd).json) printJson(outcome);
      else process.stdout.write(`${job} ${outcome.status} in ${(outcome.durationMs / 1000).toFixed(1)}s (run ${outcome.runId})\n${JSON.stringify(outcome.result.counts ?? {})}\n`);
    });
}

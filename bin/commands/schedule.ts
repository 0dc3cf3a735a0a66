import type { Command } from 'commander';
import { Warehouse } from '../../data/warehouse.ts';
import { listSchedule, planSchedule, runScheduler } from '../../jobs/scheduler.ts';
import { globals, loadFor, progressFor } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

/** `assay schedule`: the config's schedule (jobs/scheduler.ts) — run it until stopped, run what is due once, or list it. */
export function scheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description('run the jobs of the config\'s schedule when their cron says (until SIGINT/SIGTERM); missed fire times run once on restart')
    .option('--once', 'run what is due now and exit (for a system cron or CI)')
    .option('--list', 'show each entry with its next fire time and last run, and exit')
    .action(async (opts: { once?: boolean; list?: boolean }, cmd: Command) => {
      const { config, baseDir, warehousePath } = await loadFor(cmd);
      const json = globals(cmd).json;
      const open = () => Warehouse.open(warehousePath, { memoryLimit: config.warehouse.memory_limit });
      if (opts.list) {
        // read-only: a typo'd path is an error, not a new empty warehouse; a running scheduler's file can be listed
        // between its runs (it holds the file only while its jobs run)
        planSchedule(config); // a bad entry is the error to report, before a missing warehouse
        const wh = await Warehouse.open(warehousePath, { readOnly: true });
        try {
          const rows = await listSchedule(wh, config);
          if (json) printJson(rows);
          else process.stdout.write(`${rows.length ? formatTable(rows) : 'no schedule entries (config schedule.entries)'}\n`);
        } finally {
          wh.close();
        }
        return;
      }
      // --once holds the warehouse for its one pass; the scheduler that runs until stopped opens it for each pass
      // with jobs to run and closes it before it sleeps
      const wh = opts.once ? await open() : undefined;
      try {
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const runs = await runScheduler({ ...(wh ? { wh } : { open }), config, baseDir, once: opts.once, signal: stop.signal, log: progressFor(cmd) });
          if (json) printJson(runs);
          else if (opts.once) process.stdout.write(`${runs.length ? formatTable(runs) : 'nothing due'}\n`);
          if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      } finally {
        wh?.close();
      }
    });
}

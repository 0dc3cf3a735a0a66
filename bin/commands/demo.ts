import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { AssayError, errorMessage } from '../../data/errors.ts';
import { join, relative, resolve } from 'node:path';
import { assertDemoLogsDir, recordsNoDemoWrote } from '../../data/demo.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { parseJobParams, runJob } from '../../jobs/runJob.ts';
import { globals, loadFor, progressFor } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

interface DemoOutput {
  warehouse: string;
  logs: string;
  week: string;
  steps: { job: string; seconds: number; counts: Record<string, number>; output?: unknown }[];
}

/**
 * The demo starts from an empty warehouse of its own and removes the file it will write: only where there is none,
 * or it is a warehouse an earlier demo made (or an empty one). `-w prod.duckdb demo` must not cost a real warehouse.
 */
async function assertReplaceable(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const refuse = (why: string) =>
    new AssayError('ASSAY_ERR_USAGE', `${path} ${why}; the demo starts from an empty warehouse of its own and will not delete it: give it another path (--out, or -w)`, { path });
  let wh: Warehouse;
  try {
    wh = await Warehouse.open(path, { readOnly: true });
  } catch (e) {
    throw refuse(`exists and cannot be read as a warehouse (${errorMessage(e).split('\n')[0]})`);
  }
  try {
    const foreign = await recordsNoDemoWrote(wh).catch(() => null);
    if (foreign === null) throw refuse('exists and is not an Assay warehouse');
    if (foreign > 0) throw refuse(`is a warehouse of ${foreign} records no demo wrote`);
  } finally {
    wh.close();
  }
}

/** Finds the report page among the steps' outputs (the report job returns its paths). */
function htmlPaths(value: unknown): string[] {
  if (typeof value === 'string') return value.endsWith('.html') ? [value] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(htmlPaths);
  return [];
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate realistic production logs (with a planted unknown spike, latency regression and cost jump), ingest them, run every job and write the report')
    .option('--out <dir>', 'output directory for logs, warehouse and report', 'demo-out')
    .option('--end <date>', 'exclusive end of the generated period, YYYY-MM-DD (default: Monday of this ISO week)')
    .option('--weeks <n>', 'weeks of logs', '6')
    .option('--scale <x>', 'volume multiplier', '1')
    .action(async (opts: { out: string; end?: string; weeks: string; scale: string }, cmd: Command) => {
      const { config, baseDir } = await loadFor(cmd);
      const out = resolve(opts.out);
      const whPath = globals(cmd).warehouse ? resolve(globals(cmd).warehouse!) : join(out, 'assay.duckdb');
      const params = { out, end: opts.end, weeks: Number(opts.weeks), scale: Number(opts.scale) };
      parseJobParams('demo', params); // bad options fail before a warehouse is made (or an old one removed)
      // The demo always starts from an empty warehouse of its own, never the configured one.
      assertDemoLogsDir(join(out, 'logs'));
      await assertReplaceable(whPath);
      rmSync(whPath, { force: true });
      rmSync(`${whPath}.wal`, { force: true });
      const wh = await Warehouse.open(whPath, { memoryLimit: config.warehouse.memory_limit });
      try {
        const started = Date.now();
        const r = await runJob(
          'demo',
          params,
          { wh, config, baseDir, progress: progressFor(cmd) },
        );
        const output = r.result.output as DemoOutput;
        const reports = output.steps.flatMap((s) => htmlPaths(s.output));
        if (globals(cmd).json) {
          printJson({ ...output, reports, seconds: (Date.now() - started) / 1000 });
          return;
        }
        const rows = output.steps.map((s) => ({ job: s.job, seconds: s.seconds.toFixed(1), counts: s.counts }));
        const rel = (p: string) => relative(process.cwd(), p) || p;
        process.stdout.write(
          [
            formatTable(rows),
            '',
            `Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s (week ${output.week}).`,
            `  DuckDB warehouse: ${rel(output.warehouse)}`,
            `  generated logs:   ${rel(output.logs)}`,
            ...reports.map((p) => `  report:           ${rel(p)}`),
            '',
            `Query it:  npx assay -w ${rel(output.warehouse)} sql "SELECT * FROM workflow_week ORDER BY week, workflow"`,
            '',
          ].join('\n'),
        );
      } finally {
        wh.close();
      }
    });
}

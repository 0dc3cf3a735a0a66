import type { Command } from 'commander';
import { Warehouse } from '../data/warehouse.ts';
import { loadConfig, type LoadedConfig } from '../jobs/config.ts';
import { parseJobParams, runJob, type JobRunOutcome } from '../jobs/runJob.ts';
import type { JobResult } from '../jobs/defineJob.ts';
import { resolve } from 'node:path';

/** Global options every command accepts (defined on the root program). */
export interface GlobalOptions {
  config?: string;
  warehouse?: string;
  json?: boolean;
  quiet?: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

export async function loadFor(cmd: Command): Promise<LoadedConfig & { warehousePath: string }> {
  const g = globals(cmd);
  const loaded = await loadConfig(g.config);
  const warehousePath = g.warehouse ? resolve(g.warehouse) : resolve(loaded.baseDir, loaded.config.warehouse.path);
  return { ...loaded, warehousePath };
}

/** Progress goes to stderr so stdout stays clean for --json and pipes. */
export function progressFor(cmd: Command): (m: string) => void {
  const g = globals(cmd);
  return g.quiet ? () => {} : (m: string) => process.stderr.write(`${m}\n`);
}

/** Opens the warehouse, runs one job through runJob, closes the warehouse. */
export async function runJobFromCli<R extends JobResult>(cmd: Command, job: string, params: unknown): Promise<JobRunOutcome<R>> {
  const { config, baseDir, warehousePath } = await loadFor(cmd);
  // bad parameters fail before the warehouse is opened (and so created: a typo left an empty file behind)
  parseJobParams(job, params);
  const wh = await Warehouse.open(warehousePath, { memoryLimit: config.warehouse.memory_limit });
  try {
    return await runJob<R>(job, params, { wh, config, baseDir, progress: progressFor(cmd) });
  } finally {
    wh.close();
  }
}

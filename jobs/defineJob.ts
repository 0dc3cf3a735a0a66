import type { z } from 'zod';
import type { Warehouse } from '../data/warehouse.ts';
import type { AssayConfig } from './config.ts';

export interface JobContext {
  wh: Warehouse;
  config: AssayConfig;
  /** Directory of the config file (or cwd): relative paths in config resolve against it. */
  baseDir: string;
  runId: string;
  /** Progress for long work; the CLI prints it to stderr, tests collect it. */
  progress: (message: string) => void;
}

export interface JobResult {
  /** Row counts and similar figures, stored in job_runs.counts. */
  counts?: Record<string, number>;
  /** Anything the front door should show (tables, paths); returned as-is with --json. */
  output?: unknown;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType, R extends JobResult = JobResult> {
  name: string;
  description: string;
  params: S;
  /**
   * Whether the job's writes form one transaction (default true): a crash leaves the warehouse
   * as it was before the job. Jobs that only read, or that run other jobs, set false.
   */
  transactional?: boolean;
  run(ctx: JobContext, params: z.infer<S>): Promise<R>;
}

export function defineJob<S extends z.ZodType, R extends JobResult>(def: JobDefinition<S, R>): JobDefinition<S, R> {
  return def;
}

import { AssayError } from '../data/errors.ts';
import type { JobDefinition } from './defineJob.ts';
import { alerts } from './alerts.ts';
import { cost } from './cost.ts';
import { demo } from './demo.ts';
import { drift } from './drift.ts';
import { ingest } from './ingest.ts';
import { report } from './report.ts';

/**
 * Every job, in the order `assay demo` runs them. An explicit list: adding a job is one line here
 * (test/registries.test.ts checks this list against the files in jobs/).
 */
export const JOBS: readonly JobDefinition[] = [demo, ingest, cost, drift, alerts, report] as JobDefinition[];

export function getJob(name: string): JobDefinition {
  const job = JOBS.find((j) => j.name === name);
  if (!job) {
    throw new AssayError('ASSAY_ERR_UNKNOWN_JOB', `Unknown job '${name}'. Known jobs: ${JOBS.map((j) => j.name).join(', ') || '(none)'}`);
  }
  return job;
}

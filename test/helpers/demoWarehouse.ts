import { join } from 'node:path';
import { runJob } from '../../jobs/runJob.ts';
import { tempWarehouse, type TempWarehouse } from './tempWarehouse.ts';

/** The demo's last week when it ends on this Monday: the planted events fall in 2026-W46 (9–15 Nov 2026). */
export const DEMO_END = '2026-11-16';
export const DEMO_WEEK = '2026-W46';

export interface DemoWarehouse extends TempWarehouse {
  /** The reports directory the demo's report job wrote to. */
  reports: string;
}

/** A warehouse filled by the demo job (logs generated, ingested, costed, drift run, report written) at a small scale. */
export async function demoWarehouse(rawConfig: unknown = {}, scale = 0.2): Promise<DemoWarehouse> {
  const t = await tempWarehouse(rawConfig);
  await runJob('demo', { out: join(t.dir, 'demo'), end: DEMO_END, weeks: 5, scale }, { wh: t.wh, config: t.config, baseDir: t.dir });
  return { ...t, reports: join(t.dir, 'demo', 'reports') };
}

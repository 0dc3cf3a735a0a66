import type { Warehouse } from '../data/warehouse.ts';
import type { AssayConfig } from '../jobs/config.ts';
import type { RunQueue } from './queue.ts';

/** What the routes share: the writing connection jobs run on (one at a time, through queue) and a reading one. */
export interface ServerContext {
  wh: Warehouse;
  reader: Warehouse;
  queue: RunQueue;
  config: AssayConfig;
  baseDir: string;
  reportsDir: string;
  log: (message: string) => void;
}

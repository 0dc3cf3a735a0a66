import type { AssayConfig } from '../jobs/config.ts';
import type { HeldWarehouse } from './heldWarehouse.ts';
import type { RunQueue } from './queue.ts';

/** What the routes share: the warehouse as the server holds it (jobs write through queue, one at a time; reads go through read()). */
export interface ServerContext {
  warehouse: HeldWarehouse;
  queue: RunQueue;
  config: AssayConfig;
  baseDir: string;
  reportsDir: string;
  log: (message: string) => void;
}

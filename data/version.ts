import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './sql.ts';

/** Assay's version (package.json), which reports and the HTTP API state. */
export const VERSION = (JSON.parse(readFileSync(join(DATA_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;

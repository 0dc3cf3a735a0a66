import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './lib.ts';

/**
 * `npm run bench [name ...]`: runs each benchmark in its own process (so peak RSS is its own)
 * and leaves results in bench/results/<name>.json. Explicit list; add a line per benchmark.
 */
const BENCHES: string[] = ['ingest', 'drift', 'cost', 'report', 'server'];

const wanted = process.argv.slice(2);
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b)) : BENCHES;
if (wanted.length && selected.length !== wanted.length) {
  console.error(`unknown benchmark(s): ${wanted.filter((w) => !BENCHES.includes(w)).join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of selected) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, `${name}.bench.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

import { rmSync } from 'node:fs';
import { sqlLiteral } from '../data/sql.ts';
import { Warehouse } from '../data/warehouse.ts';
import { parseConfig } from '../jobs/config.ts';
import { runJob } from '../jobs/runJob.ts';

/**
 * One measured load, in a process of its own so that its peak RSS is its own (bench/ingest.bench.ts runs
 * it): `raw` is DuckDB alone creating a table from read_json, `ingest` the full Assay ingest job. Both end
 * with a CHECKPOINT inside the timed part, so both pay for writing the table to the file.
 * Usage: ingestChild.ts raw|ingest <file.jsonl> <warehouse.duckdb> [memory_limit]
 */
const [mode, file, db, memoryLimit] = process.argv.slice(2);
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const wh = await Warehouse.open(db, { memoryLimit: memoryLimit || undefined });
const t0 = performance.now();
let counts: Record<string, number>;
if (mode === 'raw') {
  // ignore_errors: the file holds planted malformed lines, on which a plain read_json stops.
  await wh.run(`CREATE TABLE raw_load AS SELECT * FROM read_json(${sqlLiteral(file)}, ignore_errors = true)`);
  await wh.checkpoint();
  counts = (await wh.one<{ rows: number }>('SELECT count(*) AS rows FROM raw_load'))!;
} else {
  const config = parseConfig({ warehouse: { memory_limit: memoryLimit || undefined } }, '(bench)');
  const r = await runJob('ingest', { paths: [file] }, { wh, config });
  await wh.checkpoint();
  counts = r.result.counts ?? {};
}
const ms = performance.now() - t0;
wh.close();
process.stdout.write(`${JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, counts })}\n`);

import { AssayError } from './errors.ts';
import { listSqlFiles, sqlFile } from './sql.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * Applies data/migrations/NNN-name.sql in order, each in its own transaction,
 * and records it in schema_migrations. Migrations are append-only: never edit one that shipped.
 */
export async function migrate(wh: Warehouse): Promise<string[]> {
  await wh.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
  const applied = new Set((await wh.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const files = listSqlFiles('migrations');
  // A warehouse a newer Assay wrote: its tables may hold what this code would misread or overwrite.
  const known = Math.max(0, ...files.map((name) => Number(name.slice(0, 3))).filter(Number.isInteger));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new AssayError(
      'ASSAY_ERR_WAREHOUSE',
      `${wh.path}: its schema is version ${newest}, written by a newer Assay; this one knows versions up to ${known}: upgrade Assay to use this warehouse (or read it with assay sql, read-only)`,
      { schema_version: newest, known_version: known },
    );
  }
  const done: string[] = [];
  for (const name of files) {
    const version = Number(name.slice(0, 3));
    if (!Number.isInteger(version)) throw new Error(`migration file name must start with NNN-: ${name}`);
    if (applied.has(version)) continue;
    await wh.transaction(async () => {
      await wh.run(sqlFile(`migrations/${name}`));
      await wh.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, name]);
    });
    done.push(name);
  }
  return done;
}

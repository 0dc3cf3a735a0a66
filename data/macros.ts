import { listSqlFiles, sqlFile } from './sql.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * SQL macros (redaction, Luhn check, …) are (re)created on every read-write open from
 * data/macros/*.sql, so the warehouse file always carries the current definitions and an
 * analyst can call them from any DuckDB client.
 */
export async function createMacros(wh: Warehouse): Promise<void> {
  for (const name of listSqlFiles('macros')) await wh.run(sqlFile(`macros/${name}`));
}

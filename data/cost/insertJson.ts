import type { Warehouse } from '../warehouse.ts';

/**
 * Inserts a few thousand small rows (price rows, resolved model prices) in one bound JSON parameter per
 * chunk, typed by a STRUCT declaration; column names come from code, never from input.
 */
export async function insertJson(wh: Warehouse, table: string, struct: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    await wh.run(`INSERT INTO ${table} BY NAME SELECT r.* FROM (SELECT unnest(CAST($1 AS JSON)::STRUCT(${struct})[], recursive := true)) r`, [
      JSON.stringify(rows.slice(i, i + 5000)),
    ]);
  }
}

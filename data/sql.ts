import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the data layer; SQL files live beside the code that runs them. */
export const DATA_DIR = dirname(fileURLToPath(import.meta.url));

const cache = new Map<string, string>();

/** Loads `data/<rel>.sql` once (e.g. `views/cost_by_day`, `queries/ingest/insert_valid`). */
export function sqlFile(rel: string): string {
  let text = cache.get(rel);
  if (text === undefined) {
    text = readFileSync(join(DATA_DIR, `${rel}.sql`), 'utf8');
    cache.set(rel, text);
  }
  return text;
}

/** Names of the .sql files in a folder under data/, without extension, sorted. */
export function listSqlFiles(folder: string): string[] {
  const dir = join(DATA_DIR, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Quotes a string as a SQL literal; only for values that cannot be bound (e.g. inside DDL or macro bodies). */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier that came from a closed list in code. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

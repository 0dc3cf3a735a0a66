import { sqlFile, sqlLiteral } from '../data/sql.ts';
import type { SqlValue } from '../data/warehouse.ts';

/** The text of a report dataset's query: data/queries/report/<name>.sql. */
export const datasetSql = (name: string): string => sqlFile(`queries/report/${name}`);

/** The $parameters a query uses (DuckDB rejects bound parameters a statement does not mention). */
export function paramsUsed(sql: string): string[] {
  return [...new Set([...sql.replace(/--[^\n]*/g, '').matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]))];
}

/** The views and tables a query reads (names after FROM or JOIN that are not its own CTEs). */
export function readsOf(sql: string): string[] {
  const body = sql.replace(/--[^\n]*/g, '');
  const ctes = new Set([...body.matchAll(/(?:WITH|,)\s+([a-z_][a-z0-9_]*)\s+AS\s*(?:NOT\s+)?(?:MATERIALIZED\s+)?\(/gi)].map((m) => m[1].toLowerCase()));
  const names = [...body.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1].toLowerCase()).filter((n) => !ctes.has(n));
  return [...new Set(names)].sort();
}

function literal(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (Array.isArray(v)) return `[${v.map((x) => literal(x as SqlValue)).join(', ')}]`;
  if (typeof v === 'string') return sqlLiteral(v);
  return String(v);
}

/** The query with its parameters written in as literals, so an analyst can paste and run it as it ran. */
export function inlineParams(sql: string, params: Readonly<Record<string, SqlValue>>): string {
  const body = sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n');
  return body.replace(/\$([a-z_][a-z0-9_]*)/gi, (m, name: string) => (name in params ? literal(params[name]) : m)).trim();
}

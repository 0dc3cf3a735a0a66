import { sqlIdent, sqlLiteral } from '../sql.ts';

/** A path of plain keys ($.usage.prompt_tokens, $.attributes."gen_ai.system") as its keys; null for anything else. */
function keysOf(path: string): string[] | null {
  const keys: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = /^\.([A-Za-z0-9_]+)/.exec(rest) ?? /^\."([^"\\]+)"/.exec(rest);
    if (!m) return null;
    keys.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return keys.length > 0 ? keys : null;
}

type Spec = { [key: string]: Spec | 'VARCHAR' };

/** The from_json structure reading every path as text, or null when the paths cannot share one (an index, a path inside another). */
function structureOf(all: string[][]): Spec | null {
  const spec: Spec = {};
  for (const keys of all) {
    let node = spec;
    for (const [i, k] of keys.entries()) {
      const last = i === keys.length - 1;
      const have = node[k];
      if (last) {
        if (have !== undefined) return null;
        node[k] = 'VARCHAR';
      } else {
        if (have === 'VARCHAR') return null;
        node = node[k] = have ?? {};
      }
    }
  }
  return spec;
}

/** The from_json structure as the DuckDB type it makes: STRUCT("usage" STRUCT("prompt_tokens" VARCHAR), ...). */
function structType(spec: Spec): string {
  return `STRUCT(${Object.entries(spec).map(([k, t]) => `${sqlIdent(k)} ${t === 'VARCHAR' ? t : structType(t)}`).join(', ')})`;
}

/**
 * The JSON paths a mapping reads, collected while its expressions are built (each stands in as a token),
 * then read from one parse of the document: from_json into a struct when every path is plain keys (the
 * common case, and a quarter cheaper than json_extract_string over a list of paths), else the list.
 */
export class PathSlots {
  private readonly paths: string[] = [];

  /** The token of every path slotted so far. */
  all(): string[] {
    return this.paths.map((_p, i) => `__path_${i}__`);
  }

  slot(path: string): string {
    let i = this.paths.indexOf(path);
    if (i < 0) i = this.paths.push(path) - 1;
    return `__path_${i}__`;
  }

  /**
   * The expression parsing `doc` into `v`, a rewrite of the tokens in built expressions into reads from `v`, and
   * for a struct the DuckDB type of `v` (read_json can parse a line into it directly), else null.
   */
  compile(doc: string): { extract: string; resolve: (sql: string) => string; type: string | null } {
    const keys = this.paths.map(keysOf);
    const spec = keys.every((k) => k !== null) ? structureOf(keys as string[][]) : null;
    if (spec && this.paths.length > 0) {
      const read = (i: number) => (keys[i] as string[]).reduce((e, k) => `struct_extract(${e}, ${sqlLiteral(k)})`, 'v');
      return {
        extract: `from_json(${doc}, ${sqlLiteral(JSON.stringify(spec))})`,
        resolve: (sql) => sql.replace(/__path_(\d+)__/g, (_m, i: string) => read(Number(i))),
        type: structType(spec),
      };
    }
    const list = `[${this.paths.map(sqlLiteral).join(', ')}]::VARCHAR[]`;
    return { extract: `json_extract_string(${doc}, ${list})`, resolve: (sql) => sql.replace(/__path_(\d+)__/g, (_m, i: string) => `v[${Number(i) + 1}]`), type: null };
  }
}

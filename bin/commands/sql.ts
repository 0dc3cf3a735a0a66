import type { Command } from 'commander';
import { once } from 'node:events';
import { AssayError } from '../../data/errors.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { globals, loadFor } from '../context.ts';
import { cellForTerminal, cellText, csvLine, jsonText, tableHeader, tableLine, tableWidths } from '../output.ts';

/** Rows the table output reads before it fixes its column widths (the rest are clipped to them). */
const TABLE_SAMPLE = 1000;

async function write(text: string): Promise<void> {
  // a slow reader (a pipe into less) holds the next chunk back instead of it piling up in memory
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Column names as DuckDB names a table's columns: a repeated one gets _1, _2 (two `status` columns of a join). */
export function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let k = 1; taken.has(unique); k++) unique = `${name}_${k}`;
    taken.add(unique);
    return unique;
  });
}

type Chunks = AsyncIterable<unknown[][]>;

/** A JSON array of one object per row, laid out as JSON.stringify(rows, null, 2) would (the keys written once). */
async function writeJson(names: string[], chunks: Chunks): Promise<void> {
  const keys = names.map((n, i) => `${i ? ',' : ''}\n    ${JSON.stringify(n)}: `);
  const object = (row: unknown[]) => (keys.length ? `{${keys.map((k, i) => k + jsonText(row[i], '    ', '  ')).join('')}\n  }` : '{}');
  let first = true;
  await write('[');
  for await (const rows of chunks) {
    let text = '';
    for (const row of rows) {
      text += `${first ? '' : ','}\n  ${object(row)}`;
      first = false;
    }
    await write(text);
  }
  await write(first ? ']\n' : '\n]\n');
}

async function writeCsv(names: string[], chunks: Chunks): Promise<void> {
  // the header is quoted as the cells are: a column named by its expression (`coalesce(NULL, 'a')`) holds a comma
  await write(`${csvLine(names)}\n`);
  for await (const rows of chunks) await write(rows.map((r) => `${csvLine(r)}\n`).join(''));
}

async function writeTable(names: string[], chunks: Chunks): Promise<void> {
  const cells = (rows: unknown[][]) => rows.map((r) => r.map((v) => cellForTerminal(cellText(v))));
  const it = chunks[Symbol.asyncIterator]();
  const sample: string[][] = [];
  let next = await it.next();
  while (!next.done) {
    sample.push(...cells(next.value));
    if (sample.length >= TABLE_SAMPLE) break;
    next = await it.next();
  }
  const widths = tableWidths(names, sample);
  await write(`${tableHeader(names, widths)}\n${sample.map((r) => `${tableLine(r, widths)}\n`).join('')}`);
  let n = sample.length;
  // past the sample a wider cell is not clipped to the sample's width (1000000 shown as 999…): it pushes its row out
  const wide = (r: string[]) => tableLine(r, widths.map((w, i) => Math.max(w, Math.min(60, r[i].length))));
  if (!next.done) {
    for (next = await it.next(); !next.done; next = await it.next()) {
      await write(cells(next.value).map((r) => `${wide(r)}\n`).join(''));
      n += next.value.length;
    }
  }
  await write(n === 0 ? '(no rows)\n(0 rows)\n' : `(${n} rows)\n`);
}

/**
 * The chunks with the first one already read: an error DuckDB raises on it (most do) is reported before any
 * output, so --json prints the error object alone rather than after a '['.
 */
async function started(chunks: Chunks): Promise<Chunks> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  })();
}

export function sqlCommand(program: Command): void {
  program
    .command('sql')
    .description('run a read-only SQL query against the warehouse and print the result')
    .argument('<query>', 'the SQL query, e.g. "SELECT * FROM cost_by_day LIMIT 10"')
    .option('--csv', 'print CSV')
    .action(async (query: string, opts: { csv?: boolean }, cmd: Command) => {
      const { warehousePath } = await loadFor(cmd);
      const wh = await Warehouse.open(warehousePath, { readOnly: true });
      try {
        // only one result is printed: a second statement would run unseen. DuckDB's parser fails on a text without
        // any ('Error in native callback'): that is said first.
        if (!query.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|;|\s/g, '')) throw new AssayError('ASSAY_ERR_USAGE', 'assay sql: the query holds no statement (only comments or semicolons)');
        const n = await wh.statementCount(query);
        if (n > 1) throw new AssayError('ASSAY_ERR_USAGE', `assay sql runs one statement at a time; this query holds ${n} (split at ';'): run them one by one`);
        const { columns, chunks } = await wh.stream(query).catch((e: unknown) => {
          if (e instanceof AssayError && /read-only|read only/i.test(e.message)) {
            throw new AssayError('ASSAY_ERR_READ_ONLY', `assay sql is read-only: ${e.message}`);
          }
          throw e;
        });
        const names = uniqueNames(columns.map((c) => c.name));
        const rows = await started(chunks);
        if (globals(cmd).json) await writeJson(names, rows);
        else if (opts.csv) await writeCsv(names, rows);
        else await writeTable(names, rows);
      } finally {
        wh.close();
      }
    });
}

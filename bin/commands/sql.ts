import type { Command } from 'commander';
import { AssayError } from '../../data/errors.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { globals, loadFor } from '../context.ts';
import { formatCsv, formatTable, printJson } from '../output.ts';

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
        // only one result is printed: a second statement would run unseen
        const n = await wh.statementCount(query);
        if (n > 1) throw new AssayError('ASSAY_ERR_USAGE', `assay sql runs one statement at a time; this query holds ${n} (split at ';'): run them one by one`);
        const { rows, columns } = await wh.table(query).catch((e: unknown) => {
          if (e instanceof AssayError && /read-only|read only/i.test(e.message)) {
            throw new AssayError('ASSAY_ERR_READ_ONLY', `assay sql is read-only: ${e.message}`);
          }
          throw e;
        });
        const names = columns.map((c) => c.name);
        if (globals(cmd).json) printJson(rows);
        else if (opts.csv) process.stdout.write(`${formatCsv(rows, names)}\n`);
        else process.stdout.write(`${formatTable(rows, names)}\n(${rows.length} rows)\n`);
      } finally {
        wh.close();
      }
    });
}

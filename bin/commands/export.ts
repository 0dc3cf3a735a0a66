import type { Command } from 'commander';
import { relative } from 'node:path';
import { exportParquet, MANIFEST } from '../../data/export.ts';
import { AssayError } from '../../data/errors.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { globals, loadFor, progressFor } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

/**
 * A read-only command rather than a job: it opens the warehouse read-only (a job run must write its
 * job_runs row), so it can never change the warehouse it copies.
 */
export function exportCommand(program: Command): void {
  program
    .command('export')
    .description('write every warehouse table as Parquet for other tools (DIR/<table>.parquet, listed in DIR/assay-export.json); read-only')
    .requiredOption('--parquet <dir>', 'directory for the Parquet files (created if missing)')
    .option('--views', 'export the named views too (DIR/<view>.parquet)')
    .action(async (opts: { parquet: string; views?: boolean }, cmd: Command) => {
      const { warehousePath } = await loadFor(cmd);
      if (!opts.parquet.trim()) throw new AssayError('ASSAY_ERR_USAGE', '--parquet expects a directory');
      const wh = await Warehouse.open(warehousePath, { readOnly: true });
      try {
        progressFor(cmd)(`export: ${warehousePath} → ${opts.parquet}`);
        const { files, removed } = await exportParquet(wh, opts.parquet, { views: opts.views ?? false });
        if (globals(cmd).json) printJson({ warehouse: warehousePath, dir: opts.parquet, files, removed });
        else {
          const rows = files.map((f) => ({ name: f.name, kind: f.kind, rows: f.rows, file: relative(process.cwd(), f.file) || f.file }));
          const gone = removed.length ? `; removed ${removed.length} files of the previous export this one does not write (--json lists them)` : '';
          process.stdout.write(`${formatTable(rows)}\n${files.length} files (listed in ${MANIFEST})${gone}\n`);
        }
      } finally {
        wh.close();
      }
    });
}

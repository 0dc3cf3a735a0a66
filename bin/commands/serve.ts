import type { Command } from 'commander';
import { resolve } from 'node:path';
import { AssayError } from '../../data/errors.ts';
import { Warehouse } from '../../data/warehouse.ts';
import { buildServer } from '../../server/app.ts';
import { globals, loadFor, progressFor } from '../context.ts';

/**
 * `assay serve`: the HTTP API (server/app.ts) over the warehouse until SIGINT/SIGTERM, then it finishes the
 * running job, closes the warehouse and exits 0. Listens on 127.0.0.1 unless told otherwise: the API runs
 * jobs on paths it is given, so it is for a trusted network.
 */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API: run jobs (POST /jobs/<job>/runs), read runs (/runs), the reports (/reports/), OpenAPI at /openapi.json')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8787')
    .option('--reports <dir>', 'reports folder served at /reports/ (default: the report job\'s out, reports/)')
    .action(async (opts: { host: string; port: string; reports?: string }, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AssayError('ASSAY_ERR_USAGE', `--port: '${opts.port}' is not a port number`);
      const { config, baseDir, warehousePath } = await loadFor(cmd);
      const log = progressFor(cmd);
      const wh = await Warehouse.open(warehousePath, { memoryLimit: config.warehouse.memory_limit });
      const server = await buildServer({ wh, config, baseDir, reportsDir: resolve(baseDir, opts.reports ?? 'reports'), log });
      const address = await server.app.listen({ host: opts.host, port });
      if (globals(cmd).json) process.stdout.write(`${JSON.stringify({ url: address, warehouse: warehousePath })}\n`);
      else process.stdout.write(`assay serve: listening on ${address} (warehouse ${warehousePath}); OpenAPI at ${address}/openapi.json\n`);
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          log(`assay serve: ${signal}, finishing the running job and closing`);
          void server.close().then(() => {
            wh.close();
            done();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}

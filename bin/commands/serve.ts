import type { Command } from 'commander';
import { resolve } from 'node:path';
import { AssayError } from '../../data/errors.ts';
import { buildServer } from '../../server/app.ts';
import { globals, loadFor, progressFor } from '../context.ts';

/** The address the server cannot listen on, as a usage error naming it (node's error is a stack about a syscall). */
function listenError(e: unknown, host: string, port: number): unknown {
  const why: Record<string, string> = {
    EADDRINUSE: 'is in use (another assay serve?): pick another --port, or --port 0 for any free one',
    EACCES: 'needs privileges this process does not have: pick a --port from 1024 up',
    EADDRNOTAVAIL: 'is not an address of this machine: check --host',
  };
  const code = (e as NodeJS.ErrnoException).code;
  return code && why[code] ? new AssayError('ASSAY_ERR_USAGE', `Cannot listen on ${host}:${port}: it ${why[code]}`, { host, port }) : e;
}

/**
 * `assay serve`: the HTTP API (server/app.ts) over the warehouse until SIGINT/SIGTERM, then it finishes the
 * running job (the queued ones are recorded as not started), closes the warehouse and exits 0. Listens on
 * 127.0.0.1 unless told otherwise: the API runs jobs on paths it is given, so it is for a trusted network.
 * The warehouse is held read-only between jobs (other processes can read it) and read-write while they run.
 */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API: run jobs (POST /jobs/<job>/runs), read runs (/runs), the reports (/reports/), OpenAPI at /openapi.json')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8787')
    .option('--reports <dir>', 'reports folder served at /reports/ (default: the report job\'s out, reports/)')
    .option('--lock-wait <seconds>', 'how long a job waits for other processes (a DuckDB client) to let go of the warehouse before it fails', '5')
    .action(async (opts: { host: string; port: string; reports?: string; lockWait: string }, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AssayError('ASSAY_ERR_USAGE', `--port: '${opts.port}' is not a port number`);
      const lockWait = Number(opts.lockWait);
      if (!Number.isFinite(lockWait) || lockWait < 0) throw new AssayError('ASSAY_ERR_USAGE', `--lock-wait: '${opts.lockWait}' is not a number of seconds`);
      const { config, baseDir, warehousePath } = await loadFor(cmd);
      const log = progressFor(cmd);
      // a config the server refuses (a bad schedule entry) is an error before the warehouse is opened
      const server = await buildServer({ warehousePath, lockWaitMs: lockWait * 1000, config, baseDir, reportsDir: resolve(baseDir, opts.reports ?? 'reports'), log });
      let address: string;
      try {
        address = await server.app.listen({ host: opts.host, port });
      } catch (e) {
        await server.close();
        throw listenError(e, opts.host, port);
      }
      if (globals(cmd).json) process.stdout.write(`${JSON.stringify({ url: address, warehouse: warehousePath })}\n`);
      else process.stdout.write(`assay serve: listening on ${address} (warehouse ${warehousePath}); OpenAPI at ${address}/openapi.json\n`);
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          log(`assay serve: ${signal}: taking no new requests, finishing the running job; queued runs are recorded as not started (ASSAY_ERR_SHUTDOWN)`);
          void server.close().then(done);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}

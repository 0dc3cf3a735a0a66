import { Command, CommanderError } from 'commander';
import { EXIT, isAssayError, errorMessage } from '../data/errors.ts';
import { sqlCommand } from './commands/sql.ts';
import { runsCommands } from './commands/runs.ts';
import { driftCommand } from './commands/drift.ts';
import { alertsCommand } from './commands/alerts.ts';
import { demoCommand } from './commands/demo.ts';
import { ingestCommand } from './commands/ingest.ts';
import { reportCommand } from './commands/report.ts';
import { costCommand } from './commands/cost.ts';
import { exportCommand } from './commands/export.ts';
import { serveCommand } from './commands/serve.ts';
import { scheduleCommand } from './commands/schedule.ts';

const program = new Command('assay')
  .description('Batch evaluation and monitoring for AI workflows in production (DuckDB warehouse, drift, cost, weekly reports, alerts, a scheduler and an HTTP API).')
  .option('-c, --config <file>', 'config file (default: assay.config.json or assay.config.ts in the current directory)')
  .option('-w, --warehouse <file>', 'DuckDB warehouse file (overrides warehouse.path in config)')
  .option('--json', 'machine-readable output on stdout')
  .option('-q, --quiet', 'no progress messages on stderr')
  .showHelpAfterError()
  .exitOverride();

demoCommand(program);
ingestCommand(program);
sqlCommand(program);
runsCommands(program);
driftCommand(program);
alertsCommand(program);
reportCommand(program);
costCommand(program);
exportCommand(program);
serveCommand(program);
scheduleCommand(program);

/**
 * `assay sql "-- what this shows\nSELECT …"` (a query that starts with a SQL comment, as the docs' examples do) is
 * the query, not an unknown option: it is moved after a '--' so the parser takes it as the argument.
 */
function sqlCommentArgument(argv: string[]): string[] {
  const at = argv.indexOf('sql');
  if (at < 0 || argv.slice(at + 1).includes('--')) return argv;
  const q = argv.findIndex((a, i) => i > at && /^--\s/.test(a));
  // moved to the end, after '--': the options around it (--json, --csv) still read as options
  return q < 0 ? argv : [...argv.slice(0, q), ...argv.slice(q + 1), '--', argv[q]];
}

/**
 * `assay help nosuch` names nosuch and fails, as `assay nosuch` does: commander's help command printed the usage
 * and exited 0 for a name it does not know.
 */
function checkHelpTopic(argv: string[]): void {
  const takesValue = new Set(['-c', '--config', '-w', '--warehouse']);
  const words = argv.slice(2).filter((a, i, all) => !a.startsWith('-') && !takesValue.has(all[i - 1] ?? ''));
  if (words[0] !== 'help' || words.length < 2) return;
  if (!program.commands.some((c) => c.name() === words[1] || c.aliases().includes(words[1]))) program.error(`error: unknown command '${words[1]}'`);
}

// `assay sql … | head`: the reader leaving early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});

try {
  checkHelpTopic(process.argv);
  await program.parseAsync(sqlCommentArgument(process.argv));
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // commander has written its message to stderr; --json promises JSON on stdout for errors too
    if (e.exitCode !== 0 && process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ error: { code: 'ASSAY_ERR_USAGE', message: e.message.replace(/^error: /, '') } }, null, 2)}\n`);
    }
  } else {
    const json = process.argv.includes('--json');
    if (isAssayError(e)) {
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, ...e.details } }, null, 2)}\n`);
      process.stderr.write(`error ${e.code}: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'ASSAY_ERR_INTERNAL', message: errorMessage(e) } }, null, 2)}\n`);
      process.stderr.write(`error: ${e instanceof Error && e.stack ? e.stack : errorMessage(e)}\n`);
      process.exitCode = EXIT.failure;
    }
  }
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { AssayError } from '../../data/errors.ts';
import { BUILTIN_MAPPINGS } from '../../data/ingest/config.ts';
import type { IngestCounts, IngestOutput } from '../../jobs/ingest.ts';
import { globals, runJobFromCli } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

/** --mapping is a shipped mapping name or a JSON file holding a custom mapping (relative to the current directory). */
function mappingParam(value: string | undefined): string | undefined {
  return value !== undefined && value.endsWith('.json') ? resolve(value) : value;
}

export function ingestCommand(program: Command): void {
  program
    .command('ingest')
    .description('load log files (JSONL, JSON arrays, CSV, Parquet, .gz; files, globs or directories) into the warehouse: validate, redact, sample, dedupe; bad rows go to quarantine')
    .argument('<paths...>', 'files, globs (quote them) or directories of daily files')
    .option('--format <format>', 'auto | jsonl | json | csv | parquet (default: config ingest.format, auto = by extension; json: an array, documents or lines, by its start)')
    .option('--mapping <name|file.json>', `${BUILTIN_MAPPINGS.join(' | ')}, or a custom mapping JSON file`)
    .option('--sample-rate <r>', 'keep this fraction of records (0 < r ≤ 1), overrides config')
    .action(async (paths: string[], opts: { format?: string; mapping?: string; sampleRate?: string }, cmd: Command) => {
      let sampleRate: number | undefined;
      if (opts.sampleRate !== undefined) {
        sampleRate = Number(opts.sampleRate);
        if (!(sampleRate > 0 && sampleRate <= 1)) throw new AssayError('ASSAY_ERR_USAGE', `--sample-rate expects a number in (0, 1], got '${opts.sampleRate}'`);
      }
      // paths given on the command line are the current directory's, like --mapping and -w (not the config file's)
      const params = { paths: paths.map((p) => resolve(p)), format: opts.format, mapping: mappingParam(opts.mapping), sample_rate: sampleRate };
      const outcome = await runJobFromCli<{ counts: IngestCounts; output: IngestOutput }>(cmd, 'ingest', params);
      const { counts, output } = outcome.result;
      if (globals(cmd).json) {
        printJson({ run_id: outcome.runId, counts, ...output });
        return;
      }
      const c = counts;
      const lines = [
        formatTable([{ files: c.files, read: c.read, loaded: c.loaded, quarantined: c.quarantined, duplicate: c.duplicates, conflicting: c.conflicts, sampled_out: c.sampled_out, filtered: c.filtered }]),
      ];
      if (output.quarantine_reasons.length) lines.push('', 'quarantine reasons:', formatTable(output.quarantine_reasons));
      if (output.filtered_reasons.length) lines.push('', 'filtered (not requests, not loaded):', formatTable(output.filtered_reasons));
      lines.push('', `run ${outcome.runId}; see \`assay sql "SELECT * FROM quarantine WHERE ingest_run_id = '${outcome.runId}'"\``);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

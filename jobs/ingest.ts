import { z } from 'zod';
import { compileMapping } from '../data/ingest/compile.ts';
import { BUILTIN_MAPPINGS, customMapping } from '../data/ingest/config.ts';
import { resolveMapping } from '../data/ingest/mapping.ts';
import { checkGzip, expandSources, isGzipName, SOURCE_FORMATS } from '../data/ingest/sources.ts';
import { checkMapping, checkRedaction, createStaging, dropStaging, stageFiles } from '../data/ingest/stage.ts';
import { routeStaged, type RouteCounts } from '../data/ingest/route.ts';
import { sqlFile } from '../data/sql.ts';
import { defineJob } from './defineJob.ts';

/** The run's figures (job_runs.counts): what happened to each record read (RouteCounts), the files and the rate. */
export interface IngestCounts extends RouteCounts {
  [k: string]: number;
  files: number;
  /** The rate applied (config or --sample-rate), so ingest_batches can show it. */
  sample_rate: number;
}

export interface IngestOutput {
  /** reader: 'json' when DuckDB's JSON reader parsed the file (JSON Lines, plain-path mappings), else 'lines'. */
  files: { path: string; format: string; rows: number; reader: 'json' | 'lines' }[];
  quarantine_reasons: { reason: string; field: string | null; records: number; first_seen_at: string }[];
  /** Why records were filtered (not requests), with the first place each reason was seen. */
  filtered_reasons: { reason: string; records: number; first_seen_at: string }[];
  mapping: string;
  sample_rate: number;
}

export const ingest = defineJob({
  name: 'ingest',
  description: 'load log files (JSONL, JSON arrays, CSV, Parquet, .gz; files, globs or directories): map, validate, redact, sample, dedupe; bad rows to quarantine',
  params: z
    .object({
      paths: z.array(z.string().min(1)).min(1).describe('files, globs or directories of daily files'),
      format: z.enum(['auto', ...SOURCE_FORMATS]).optional().describe('default: config ingest.format, auto = by file extension'),
      mapping: z.union([z.string().min(1), customMapping]).optional().describe(`${BUILTIN_MAPPINGS.join(' | ')}, a mapping .json file, or an inline mapping`),
      sample_rate: z.number().gt(0).max(1).optional().describe('overrides config ingest.sampling.rate'),
    })
    .strict(),
  // The job opens its own transaction around the writes to the warehouse, after staging (below).
  transactional: false,
  async run(ctx, p) {
    const { wh, config } = ctx;
    const cfg = config.ingest;
    const mapping = resolveMapping(p.mapping ?? cfg.mapping, ctx.baseDir);
    const compiled = compileMapping(mapping, cfg.redaction);
    await checkMapping(wh, compiled, mapping.source);
    await checkRedaction(wh, cfg.redaction);
    const files = await expandSources(wh, p.paths, ctx.baseDir, p.format ?? cfg.format);
    const sampling = { ...cfg.sampling, rate: p.sample_rate ?? cfg.sampling.rate };

    // Staging writes only temporary tables (gone with the process), so it runs before the transaction: rows
    // inserted inside an open transaction carry version information every later scan of them must check,
    // which made the records insert a third slower. Only the writes to the warehouse share one transaction.
    // Each gzip file is checked whole while it is staged (DuckDB stops silently at a truncated stream's end).
    const gzipChecks = Promise.all(files.filter((f) => isGzipName(f.path)).map((f) => checkGzip(f.path)));
    gzipChecks.catch(() => undefined); // awaited below; a staging failure first is the one reported
    await createStaging(wh);
    let perFile: IngestOutput['files'];
    let routed: { counts: RouteCounts; reasons: IngestOutput['quarantine_reasons']; filtered: IngestOutput['filtered_reasons'] };
    try {
      perFile = (await stageFiles(wh, files, compiled, (done, n, ms) => {
        const took = `${(ms / 1000).toFixed(1)} s`;
        for (const [k, f] of done.entries()) {
          ctx.progress(`ingest: [${n - done.length + k + 1}/${files.length}] ${f.path}: ${f.rows} rows${done.length === 1 ? ` (${took})` : ''}`);
        }
        if (done.length > 1) ctx.progress(`ingest: ${done.length} JSON Lines files read in one scan (${took})`);
      })).map((f) => ({ path: f.path, format: f.read_as, rows: f.rows, reader: f.reader }));
      await gzipChecks;
      routed = await wh.transaction(async () => ({
        counts: await routeStaged(wh, ctx.runId, sampling, cfg.redaction),
        reasons: await wh.all<IngestOutput['quarantine_reasons'][number]>(sqlFile('queries/ingest/quarantine_reasons')),
        filtered: await wh.all<IngestOutput['filtered_reasons'][number]>(sqlFile('queries/ingest/filtered_reasons')),
      }));
    } finally {
      await dropStaging(wh);
    }
    const { counts, reasons, filtered } = routed;
    ctx.progress(
      `ingest: ${counts.loaded} loaded, ${counts.quarantined} quarantined, ${counts.duplicates} duplicate, ${counts.conflicts} conflicting, ${counts.sampled_out} sampled out, ${counts.filtered} filtered`,
    );
    const output: IngestOutput = { files: perFile, quarantine_reasons: reasons, filtered_reasons: filtered, mapping: mapping.name, sample_rate: sampling.rate };
    return { counts: { files: files.length, ...counts, sample_rate: sampling.rate }, output };
  },
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseConfig } from '../../jobs/config.ts';
import type { IngestCounts, IngestOutput } from '../../jobs/ingest.ts';
import { runJob, type JobRunOutcome } from '../../jobs/runJob.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import { ROOT } from './cli.ts';
import type { TempWarehouse } from './tempWarehouse.ts';

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'ingest');

export const fixture = (name: string): string => join(FIXTURES, name);

/** The given keys of a record, so a table of expected records names only the columns a test is about. */
export const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

/** The stored fields a mapping test compares record by record (all but the text, metadata and bookkeeping). */
export const MAPPED_FIELDS = ['id', 'ts', 'tenant_id', 'workflow', 'model', 'prompt_version', 'category', 'confidence', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'latency_ms', 'status', 'fallback'] as const;

export type IngestOutcome = JobRunOutcome<{ counts: IngestCounts; output: IngestOutput }>;

/** Every record read has exactly one outcome; a run whose counts do not add up lost or doubled a record. */
export function assertAccounted(c: IngestCounts): void {
  const outcomes = c.loaded + c.quarantined + c.duplicates + c.conflicts + c.sampled_out + c.filtered;
  assert.equal(outcomes, c.read, `read ${c.read} != loaded + quarantined + duplicates + conflicts + sampled_out + filtered = ${outcomes} (${JSON.stringify(c)})`);
}

/**
 * Runs the ingest job the way every front door does (runJob), with an optional config object, and checks
 * that its counts account for every record read (so every ingest test of every format and mapping does).
 */
export async function ingest(t: TempWarehouse, params: Record<string, unknown>, config: unknown = {}): Promise<IngestOutcome> {
  const outcome = await runJob<{ counts: IngestCounts; output: IngestOutput }>('ingest', params, { wh: t.wh, config: parseConfig(config, '(test)'), baseDir: t.dir });
  assertAccounted(outcome.result.counts);
  return outcome;
}

export interface StoredRecord {
  id: string;
  ts: string;
  tenant_id: string;
  workflow: string;
  model: string;
  prompt_version: string;
  input: string | null;
  output: string | null;
  category: string | null;
  confidence: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  latency_ms: number;
  status: string;
  fallback: boolean;
  human_override: boolean;
  metadata: unknown;
}

/** The canonical columns of every stored record, ordered by id, with metadata parsed. */
export async function storedRecords(wh: Warehouse): Promise<StoredRecord[]> {
  const rows = await wh.all<StoredRecord & { metadata: string | null }>(
    `SELECT * EXCLUDE (sample_rate, source_file, source_line, ingest_run_id) FROM records ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, metadata: r.metadata === null ? null : JSON.parse(r.metadata) }));
}

export interface QuarantineRow {
  file: string;
  line: number;
  reason: string;
  field: string | null;
  raw: string | null;
}

/** Quarantine rows as [file base name, line, reason, field, raw], in file and line order. */
export async function quarantineRows(wh: Warehouse): Promise<QuarantineRow[]> {
  return wh.all<QuarantineRow>(
    `SELECT regexp_extract(source_file, '[^/]+$') AS file, source_line AS line, reason, field, raw
     FROM quarantine ORDER BY source_file, source_line`,
  );
}

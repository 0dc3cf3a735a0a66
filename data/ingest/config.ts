import { z } from 'zod';
import { RECORD_COLUMNS } from '../record.ts';

const fieldNames = RECORD_COLUMNS.map((c) => c.name) as [string, ...string[]];

/** How one canonical field is obtained from a source record. */
export const fieldSource = z.union([
  z.string().describe('a JSON path into the source record, e.g. $.usage.prompt_tokens'),
  z
    .object({
      path: z.string().optional().describe('JSON path into the source record'),
      paths: z.array(z.string()).min(1).optional().describe('JSON paths tried in order; the first non-null wins'),
      as: z.enum(['text', 'epoch_s', 'epoch_ms', 'json']).default('text').describe('how to read the value'),
      default: z.union([z.string(), z.number(), z.boolean()]).optional().describe('used when the source has no value'),
      sql: z.string().optional().describe("a DuckDB SQL expression over `raw` (the source record as JSON text); trusted config"),
    })
    .strict()
    .refine((v) => [v.path, v.paths, v.sql].filter((x) => x !== undefined).length + (v.default !== undefined ? 1 : 0) >= 1, {
      message: 'needs one of path, paths, sql or default',
    }),
]);
export type FieldSource = z.infer<typeof fieldSource>;

export const customMapping = z
  .object({
    name: z.string().default('custom'),
    fields: z.partialRecord(z.enum(fieldNames), fieldSource),
  })
  .strict();

export const redactionConfig = z
  .object({
    mode: z.enum(['redact', 'hash', 'drop', 'off']).default('redact').describe('redact: typed placeholders; hash: store sha256 of the text only; drop: store no text; off: store as-is'),
    detectors: z.array(z.enum(['email', 'phone', 'card', 'iban'])).default(['email', 'phone', 'card', 'iban']),
    patterns: z
      .array(z.object({ name: z.string().regex(/^[A-Z0-9_]+$/, 'use UPPER_SNAKE_CASE'), regex: z.string() }).strict())
      .default([])
      .describe('extra regexes; matches are replaced by [NAME]'),
  })
  .strict();

export const samplingConfig = z
  .object({
    rate: z.number().gt(0).max(1).default(1).describe('fraction of records kept, decided by a hash of the id'),
    stratify_by: z.array(z.enum(['tenant_id', 'workflow', 'model'])).default([]),
    min_per_stratum: z.number().int().nonnegative().default(0).describe('keep at least this many records per stratum and batch'),
    upstream_rate: z.number().gt(0).max(1).default(1).describe('rate at which the logs were already sampled before Assay saw them'),
  })
  .strict();

export const ingestConfig = z
  .object({
    format: z.enum(['auto', 'jsonl', 'csv', 'parquet']).default('auto'),
    mapping: z.union([z.enum(['canonical', 'openai_chat', 'otel_genai']), customMapping]).default('canonical'),
    redaction: redactionConfig.prefault({}),
    sampling: samplingConfig.prefault({}),
  })
  .strict();

export type IngestConfig = z.infer<typeof ingestConfig>;

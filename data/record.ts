import { z } from 'zod';

/**
 * The canonical record: one row per sampled production request of an LLM-backed workflow.
 * This is the single definition: the DuckDB DDL of `records` is checked against RECORD_COLUMNS
 * by a test, and docs/warehouse.md is checked against it too.
 */
export const STATUSES = ['ok', 'error', 'timeout'] as const;

export const canonicalRecord = z.object({
  id: z.string().min(1).describe('unique request id'),
  ts: z.string().datetime({ offset: true }).describe('request time, with time zone'),
  tenant_id: z.string().min(1).describe('the customer/tenant the request served'),
  workflow: z.string().min(1).describe('the LLM-backed workflow (feature) name'),
  model: z.string().min(1).describe('model id as logged, e.g. gpt-4o-mini-2024-07-18'),
  prompt_version: z.string().min(1).describe('prompt/template version'),
  input: z.string().nullable().describe('request text (redacted before storage)'),
  output: z.string().nullable().describe('response text (redacted before storage)'),
  category: z.string().nullable().describe("the workflow's label; 'unknown' is a value like any other"),
  confidence: z.number().min(0).max(1).nullable().describe('model/classifier confidence 0..1'),
  input_tokens: z.number().int().nonnegative().describe('prompt tokens, including cached ones'),
  output_tokens: z.number().int().nonnegative().describe('completion tokens'),
  cached_input_tokens: z.number().int().nonnegative().default(0).describe('prompt tokens served from cache'),
  latency_ms: z.number().nonnegative().describe('end-to-end latency in milliseconds'),
  status: z.enum(STATUSES).describe('ok | error | timeout'),
  fallback: z.boolean().describe('a fallback path or model answered'),
  human_override: z.boolean().describe('a person changed the outcome'),
  metadata: z.record(z.string(), z.unknown()).nullable().optional().describe('free-form JSON'),
});

export type CanonicalRecord = z.infer<typeof canonicalRecord>;
export type CanonicalField = keyof CanonicalRecord;

/** How each canonical field is stored; order is the column order of `records`. */
export const RECORD_COLUMNS: ReadonlyArray<{ name: CanonicalField; sqlType: string; required: boolean }> = [
  { name: 'id', sqlType: 'VARCHAR', required: true },
  { name: 'ts', sqlType: 'TIMESTAMP WITH TIME ZONE', required: true },
  { name: 'tenant_id', sqlType: 'VARCHAR', required: true },
  { name: 'workflow', sqlType: 'VARCHAR', required: true },
  { name: 'model', sqlType: 'VARCHAR', required: true },
  { name: 'prompt_version', sqlType: 'VARCHAR', required: true },
  { name: 'input', sqlType: 'VARCHAR', required: false },
  { name: 'output', sqlType: 'VARCHAR', required: false },
  { name: 'category', sqlType: 'VARCHAR', required: false },
  { name: 'confidence', sqlType: 'DOUBLE', required: false },
  { name: 'input_tokens', sqlType: 'BIGINT', required: true },
  { name: 'output_tokens', sqlType: 'BIGINT', required: true },
  { name: 'cached_input_tokens', sqlType: 'BIGINT', required: false },
  { name: 'latency_ms', sqlType: 'DOUBLE', required: true },
  { name: 'status', sqlType: 'VARCHAR', required: true },
  { name: 'fallback', sqlType: 'BOOLEAN', required: true },
  { name: 'human_override', sqlType: 'BOOLEAN', required: true },
  { name: 'metadata', sqlType: 'JSON', required: false },
];

/** Columns Assay adds to every stored record (lineage and sampling). */
export const LINEAGE_COLUMNS = [
  { name: 'sample_rate', sqlType: 'DOUBLE', description: 'probability this record was kept (upstream rate × Assay sampling); scale counts by 1/sample_rate' },
  { name: 'source_file', sqlType: 'VARCHAR', description: 'file the record was loaded from' },
  { name: 'source_line', sqlType: 'BIGINT', description: 'line (JSONL/CSV), row (Parquet) or element (JSON array) number in that file, 1-based' },
  { name: 'ingest_run_id', sqlType: 'VARCHAR', description: 'job_runs.run_id of the ingest that loaded it' },
] as const;

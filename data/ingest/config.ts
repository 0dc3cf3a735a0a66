import { z } from 'zod';
import { RECORD_COLUMNS } from '../record.ts';
import { SOURCE_FORMATS } from './sources.ts';

const fieldNames = RECORD_COLUMNS.map((c) => c.name) as [string, ...string[]];

/** A JSON path as DuckDB's JSON functions read it: `$.usage.prompt_tokens`, `$.messages[-1].content`, `$."gen_ai.system"`. */
const jsonPath = z.string().regex(/^\$(\.|\[|$)/, 'a JSON path starts with $, e.g. $.usage.prompt_tokens');

/** How one canonical field is obtained from a source record. */
export const fieldSource = z.union([
  jsonPath.describe('a JSON path into the source record, e.g. $.usage.prompt_tokens'),
  z
    .object({
      path: jsonPath.optional().describe('JSON path into the source record'),
      paths: z.array(jsonPath).min(1).optional().describe('JSON paths tried in order; the first non-null wins'),
      sql: z
        .string()
        .min(1)
        .optional()
        .describe('a DuckDB SQL expression (trusted config); {$.path} stands for the text at that path, `raw` for the whole record as JSON text'),
      as: z
        .enum(['text', 'epoch_s', 'epoch_ms', 'epoch_ns', 'json'])
        .default('text')
        .describe('how to read the value: text (cast to the field type), epoch seconds/milliseconds/nanoseconds, or a JSON value'),
      default: z.union([z.string(), z.number(), z.boolean()]).optional().describe('used when the source has no value'),
    })
    .strict()
    .refine((v) => [v.path, v.paths, v.sql].filter((x) => x !== undefined).length <= 1, {
      message: 'give at most one of path, paths or sql',
    })
    .refine((v) => v.path !== undefined || v.paths !== undefined || v.sql !== undefined || v.default !== undefined, {
      message: 'needs one of path, paths, sql or default',
    }),
]);
export type FieldSource = z.infer<typeof fieldSource>;

export const customMapping = z
  .object({
    name: z.string().regex(/^[a-z0-9_]+$/, 'use snake_case').default('custom'),
    description: z.string().optional(),
    /**
     * SQL expression (trusted) turning `raw` into the JSON document the paths address; lets a mapping
     * reshape a record once (e.g. OTLP attribute arrays into a map) instead of per field.
     */
    document: z.string().min(1).optional(),
    /**
     * SQL expression (trusted) turning `raw` into a list of JSON documents when one source line holds
     * several records (an OTLP export batch of spans); NULL keeps the line as one document.
     */
    expand: z.string().min(1).optional(),
    /**
     * Records that are not requests at all (an HTTP span in an OTLP export, a health-check line): each
     * filter's `keep` is an SQL expression (trusted; {$.path} and `raw` as in fields) that is true for a
     * record to load; a record it does not keep (false or NULL) is counted as filtered with the reason,
     * not quarantined. Filters run after the JSON check and before the field checks, in order.
     */
    filters: z
      .array(
        z
          .object({
            keep: z.string().min(1).describe('SQL expression, true for records to load'),
            reason: z.string().regex(/^[a-z0-9_]+$/, 'use snake_case, e.g. not_genai_span').describe('why the others are left out, as counted'),
          })
          .strict(),
      )
      .optional(),
    /**
     * How a source that writes numbers as localized text (a spreadsheet's or BI tool's CSV export) marks the
     * decimal: with ',' the text 1.287 reads 1287 and 812,4 reads 812.4. The other mark, spaces and apostrophes
     * group digits and are dropped. Unset, numbers are read as JSON and DuckDB write them (1287, 812.4).
     */
    decimal_separator: z.enum([',', '.']).optional(),
    fields: z.partialRecord(z.enum(fieldNames), fieldSource),
  })
  .strict();
export type CustomMapping = z.infer<typeof customMapping>;

export const BUILTIN_MAPPINGS = ['canonical', 'openai_chat', 'openai_responses', 'anthropic_messages', 'litellm', 'langfuse', 'otel_genai'] as const;

export const redactionConfig = z
  .object({
    mode: z
      .enum(['redact', 'hash', 'drop', 'off'])
      .default('redact')
      .describe('redact: typed placeholders; hash: store sha256 of the text only; drop: store no text; off: store as-is'),
    detectors: z.array(z.enum(['email', 'phone', 'card', 'iban'])).default(['email', 'phone', 'card', 'iban']),
    patterns: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Z0-9_]+$/, 'use UPPER_SNAKE_CASE, e.g. NAME'),
            regex: z.string().min(1).describe('an RE2 regular expression'),
          })
          .strict(),
      )
      .default([])
      .describe('extra regexes; matches are replaced by [NAME]'),
  })
  .strict();

export const samplingConfig = z
  .object({
    rate: z.number().gt(0).max(1).default(1).describe('fraction of records kept, decided by a hash of the id'),
    stratify_by: z.array(z.enum(['tenant_id', 'workflow', 'model'])).default([]),
    min_per_stratum: z.number().int().nonnegative().default(0).describe('keep at least this many records per stratum and ingest run'),
    upstream_rate: z.number().gt(0).max(1).default(1).describe('rate at which the logs were already sampled before Assay saw them'),
  })
  .strict();

export const ingestConfig = z
  .object({
    format: z.enum(['auto', ...SOURCE_FORMATS]).default('auto'),
    mapping: z.union([z.enum(BUILTIN_MAPPINGS), customMapping]).default('canonical'),
    redaction: redactionConfig.prefault({}),
    sampling: samplingConfig.prefault({}),
  })
  .strict();

export type IngestConfig = z.infer<typeof ingestConfig>;
export type RedactionConfig = z.infer<typeof redactionConfig>;
export type SamplingConfig = z.infer<typeof samplingConfig>;

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { AssayError, errorMessage } from '../data/errors.ts';
import { ingestConfig } from '../data/ingest/config.ts';
import { driftConfig } from '../evaluators/drift/config.ts';
import { reportConfig } from '../reports/config.ts';
import { costConfig } from '../data/cost/config.ts';
import { formatZodIssues } from '../data/zodIssues.ts';

export { formatZodIssues };

/** The whole config file, composed from the schema each module exports. Unknown keys are errors. */
export const assayConfig = z
  .object({
    $schema: z.string().optional(),
    warehouse: z
      .object({
        path: z.string().default('data/assay.duckdb').describe('the DuckDB file'),
        memory_limit: z.string().optional().describe("DuckDB memory_limit, e.g. '4GB'"),
      })
      .strict()
      .prefault({}),
    ingest: ingestConfig.prefault({}),
    drift: driftConfig.prefault({}),
    report: reportConfig.prefault({}),
    cost: costConfig.prefault({}),
  })
  .strict();

export type AssayConfig = z.infer<typeof assayConfig>;

export const CONFIG_FILES = ['assay.config.json', 'assay.config.ts'] as const;

export interface LoadedConfig {
  config: AssayConfig;
  /** The file it came from, or null when defaults were used. */
  file: string | null;
  baseDir: string;
}

/** Parses and validates a config object; `source` names the file in errors. */
export function parseConfig(raw: unknown, source: string): AssayConfig {
  const parsed = assayConfig.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AssayError('ASSAY_ERR_CONFIG', `Invalid config in ${source}:\n${formatZodIssues(parsed.error)}`, {
      file: source,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Loads the config from an explicit path, or the first of CONFIG_FILES in cwd, or defaults. */
export async function loadConfig(explicitPath?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const file = explicitPath ? resolve(cwd, explicitPath) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: parseConfig({}, '(defaults)'), file: null, baseDir: cwd };
  if (!existsSync(file)) throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `Config file not found: ${file}`);
  let raw: unknown;
  if (file.endsWith('.ts') || file.endsWith('.js') || file.endsWith('.mjs')) {
    try {
      raw = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (e) {
      throw new AssayError('ASSAY_ERR_CONFIG_PARSE', `Cannot load config ${file}: ${errorMessage(e)}`, { file });
    }
  } else {
    const text = readFileSync(file, 'utf8');
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new AssayError('ASSAY_ERR_CONFIG_PARSE', `Cannot parse ${file}: ${jsonErrorWithLine(text, e)}`, { file });
    }
  }
  return { config: parseConfig(raw, file), file, baseDir: dirname(file) };
}

/** Turns JSON.parse's "at position N" into a line and column a person can find. */
function jsonErrorWithLine(text: string, e: unknown): string {
  const msg = errorMessage(e);
  const m = /position (\d+)/.exec(msg);
  if (!m) return msg;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${msg} (line ${line}, column ${col})`;
}

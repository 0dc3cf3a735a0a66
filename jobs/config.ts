import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { Cron } from 'croner';
import { z } from 'zod';
import { AssayError, errorMessage } from '../data/errors.ts';
import { ingestConfig } from '../data/ingest/config.ts';
import { driftConfig } from '../evaluators/drift/config.ts';
import { reportConfig } from '../reports/config.ts';
import { costConfig } from '../data/cost/config.ts';
import { alertsConfig } from '../reports/alerts/config.ts';
import { formatZodIssues } from '../data/zodIssues.ts';

export { formatZodIssues };

/** A cron expression croner accepts (5 fields, or 6 with seconds), checked when the config is read. */
const cronExpression = z.string().superRefine((expr, ctx) => {
  try {
    new Cron(expr, { paused: true });
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a cron expression (${errorMessage(e)})` });
  }
});

/**
 * The `schedule` section (jobs/scheduler.ts, docs/scheduler.md): which job runs when. Job names and their
 * params are checked against the jobs registry when the scheduler starts (naming schedule.entries.N.params.key).
 */
const scheduleConfig = z
  .object({
    timezone: z
      .string()
      .default('UTC')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not an IANA time zone (e.g. UTC, Europe/Berlin)')
      .describe('time zone the cron expressions are read in'),
    entries: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, _ . -').optional().describe('default: the job name'),
            job: z.string().min(1).describe('a job of `assay jobs`'),
            cron: cronExpression.describe("when, e.g. '0 2 * * *' (02:00 daily), '0 6 * * 1' (Mondays 06:00)"),
            params: z.record(z.string(), z.unknown()).default({}).describe('the job parameters, as for `assay run <job> --params`'),
          })
          .strict(),
      )
      .default([])
      .superRefine((entries, ctx) => {
        const seen = new Map<string, number>();
        entries.forEach((e, i) => {
          const name = e.name ?? e.job;
          if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `'${name}' is also entry ${seen.get(name)}; give each entry of the same job a name` });
          else seen.set(name, i);
        });
      }),
  })
  .strict();

/** The whole config file, composed from the schema each module exports. Unknown keys are errors. */
export const assayConfig = z
  .object({
    $schema: z.string().optional(),
    warehouse: z
      .object({
        path: z.string().default('data/assay.duckdb').describe('the DuckDB file'),
        memory_limit: z
          .string()
          // DuckDB's own forms: a number and a unit (KB … TB, KiB … TiB, or their first letter), or a share of RAM ('80%')
          .regex(/^\s*\d+(\.\d+)?\s*(([KMGT]i?B?)|B|bytes?|%)\s*$/i, "a size DuckDB reads, such as '512MB', '4GB', '1.5GiB' or '80%'")
          .optional()
          .describe("DuckDB memory_limit, e.g. '4GB'"),
      })
      .strict()
      .prefault({}),
    ingest: ingestConfig.prefault({}),
    drift: driftConfig.prefault({}),
    report: reportConfig.prefault({}),
    cost: costConfig.prefault({}),
    alerts: alertsConfig.prefault({}),
    schedule: scheduleConfig.prefault({}),
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

/**
 * The default export of a config module (.ts, .mts, .cts, .js, .mjs, .cjs). Through tsx's tsImport, not import():
 * the published bin registers tsx's ESM hooks only, and a `.ts` file outside an ESM package is CommonJS to Node, so
 * import() failed there ("Cannot require() ES Module … in a cycle"). A CommonJS module's exports come back as the
 * default of the default.
 */
async function importModuleConfig(file: string): Promise<unknown> {
  const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  const d = mod.default;
  if (d && typeof d === 'object' && 'default' in d && Object.keys(d).every((k) => k === 'default' || k === '__esModule')) return (d as { default: unknown }).default;
  return d;
}

/** Loads the config from an explicit path, or the first of CONFIG_FILES in cwd, or defaults. */
export async function loadConfig(explicitPath?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const file = explicitPath ? resolve(cwd, explicitPath) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: parseConfig({}, '(defaults)'), file: null, baseDir: cwd };
  if (!existsSync(file)) throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `Config file not found: ${file}`);
  let raw: unknown;
  if (/\.[cm]?[jt]s$/.test(file)) {
    try {
      raw = await importModuleConfig(file);
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

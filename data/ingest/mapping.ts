import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssayError, errorMessage } from '../errors.ts';
import { DATA_DIR } from '../sql.ts';
import { formatZodIssues } from '../zodIssues.ts';
import { BUILTIN_MAPPINGS, customMapping, type CustomMapping } from './config.ts';

/** Where the shipped mappings live: one JSON file per source shape, in the same schema as a custom mapping. */
export const MAPPINGS_DIR = join(DATA_DIR, 'mappings');

/** A validated mapping and where it came from (named in errors). */
export type ResolvedMapping = CustomMapping & { source: string };

function parseMapping(raw: unknown, source: string): ResolvedMapping {
  const parsed = customMapping.safeParse(raw);
  if (!parsed.success) {
    throw new AssayError('ASSAY_ERR_MAPPING', `Invalid mapping in ${source}:\n${formatZodIssues(parsed.error, 'mapping')}`, {
      source,
      issues: parsed.error.issues.map((i) => ({ path: ['mapping', ...i.path.map(String)].join('.'), message: i.message })),
    });
  }
  return { ...parsed.data, source };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AssayError('ASSAY_ERR_MAPPING', `Cannot read mapping ${file}: ${errorMessage(e)}`, { file });
  }
}

/**
 * A mapping given as a shipped name (BUILTIN_MAPPINGS), a path to a JSON file
 * (relative to baseDir), or an inline object; always validated against the custom-mapping schema.
 */
export function resolveMapping(spec: string | unknown, baseDir: string): ResolvedMapping {
  if (typeof spec === 'string') {
    if ((BUILTIN_MAPPINGS as readonly string[]).includes(spec)) return parseMapping(readJson(join(MAPPINGS_DIR, `${spec}.json`)), `data/mappings/${spec}.json`);
    const file = resolve(baseDir, spec);
    if (!spec.endsWith('.json') || !existsSync(file)) {
      throw new AssayError(
        'ASSAY_ERR_MAPPING',
        `Unknown mapping '${spec}': expected one of ${BUILTIN_MAPPINGS.join(', ')} or a .json mapping file${spec.endsWith('.json') ? ` (${file} does not exist)` : ''}`,
      );
    }
    return parseMapping(readJson(file), file);
  }
  return parseMapping(spec, 'ingest.mapping');
}

import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AssayError } from '../errors.ts';
import type { Warehouse } from '../warehouse.ts';

/** `json`: a JSON array of records, pretty-printed JSON documents or JSON Lines, told by its start (jsonShape.ts). */
export const SOURCE_FORMATS = ['jsonl', 'json', 'csv', 'parquet'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceFile {
  path: string;
  format: SourceFormat;
}

const EXTENSIONS: Record<string, SourceFormat> = {
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.parquet': 'parquet',
};

/** The format a file name implies (`.gz` stripped), or null for files a directory scan skips. */
export function formatOf(path: string): SourceFormat | null {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  const ext = name.slice(name.lastIndexOf('.'));
  return EXTENSIONS[ext] ?? null;
}

const isGlob = (p: string) => /[*?[]/.test(p);

/**
 * Expands the ingest paths into files: a file as given, a glob through DuckDB's glob(), a directory
 * into its supported files (not recursive; hidden ones, .name, left out), each group sorted by name so daily
 * files load in order. A path that matches nothing is an error naming it and where it was looked for.
 */
export async function expandSources(wh: Warehouse, paths: string[], baseDir: string, format: 'auto' | SourceFormat): Promise<SourceFile[]> {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(baseDir, p);
    if (isGlob(p)) {
      const hits = (await wh.all<{ file: string }>('SELECT file FROM glob($1) ORDER BY file', [abs])).map((r) => r.file);
      if (hits.length === 0) throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `No files match ${p}`, { path: p });
      files.push(...hits);
    } else if (!existsSync(abs)) {
      throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `Input not found: ${p}${abs === p ? '' : ` (looked for ${abs})`}`, { path: p });
    } else if (statSync(abs).isDirectory()) {
      const inside = readdirSync(abs)
        .filter((f) => !f.startsWith('.') && formatOf(f) !== null && statSync(join(abs, f)).isFile())
        .sort()
        .map((f) => join(abs, f));
      if (inside.length === 0) throw new AssayError('ASSAY_ERR_INPUT_NOT_FOUND', `No .jsonl, .ndjson, .json, .csv or .parquet files (optionally .gz) in ${p}`, { path: p });
      files.push(...inside);
    } else files.push(abs);
  }
  return [...new Set(files)].map((path) => {
    const f = format === 'auto' ? formatOf(path) : format;
    if (!f) {
      throw new AssayError('ASSAY_ERR_USAGE', `Cannot tell the format of ${path} from its name; pass --format ${SOURCE_FORMATS.join('|')} (the \`format\` parameter of the ingest job)`, { path });
    }
    return { path, format: f };
  });
}

/**
 * Fails when a gzip file's stream is truncated or corrupt. DuckDB's readers stop at the end of what decompresses and
 * report no error, so a file cut short (a copy that did not finish) loaded its first part as if it were all of it.
 * One pass of zlib over the file, off the main thread, alongside the staging (jobs/ingest.ts); nothing is kept.
 */
export async function checkGzip(path: string): Promise<void> {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AssayError('ASSAY_ERR_INPUT_UNREADABLE', `${path}: not a whole gzip stream (${why}): the file is truncated or corrupt; nothing was loaded`, { file: path });
  }
}

/** Whether DuckDB reads a file as gzip: by its name, as its readers' compression = 'auto' does. */
export const isGzipName = (path: string) => /\.gz$/i.test(path);

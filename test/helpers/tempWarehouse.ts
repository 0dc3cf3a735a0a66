import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../data/warehouse.ts';
import { parseConfig, type AssayConfig } from '../../jobs/config.ts';

/**
 * Every temp directory the helpers made in this process, and the warehouses still open in them: removed
 * when the process exits (node --test runs each test file in its own process), so a test that forgets its
 * cleanup, fails half-way or spawns a CLI that writes there leaves nothing behind in /tmp.
 */
const made = new Set<string>();
const open = new Set<Warehouse>();

function removeAll(): void {
  for (const wh of open) {
    try {
      wh.close();
    } catch {
      // already closed
    }
  }
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = 'assay-test-'): string {
  if (made.size === 0) process.once('exit', removeAll);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export interface TempWarehouse {
  wh: Warehouse;
  dir: string;
  path: string;
  config: AssayConfig;
  cleanup: () => void;
}

/** A fresh warehouse file in its own temp directory, migrated and with views created. */
export async function tempWarehouse(rawConfig: unknown = {}): Promise<TempWarehouse> {
  const dir = tempDir();
  const path = join(dir, 'assay.duckdb');
  const wh = await Warehouse.open(path);
  open.add(wh);
  const config = parseConfig(rawConfig, '(test)');
  return {
    wh,
    dir,
    path,
    config,
    cleanup: () => {
      open.delete(wh);
      try {
        wh.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
      made.delete(dir);
    },
  };
}

export interface RecordRow {
  id: string;
  ts: string;
  tenant_id?: string;
  workflow?: string;
  model?: string;
  prompt_version?: string;
  input?: string | null;
  output?: string | null;
  category?: string | null;
  confidence?: number | null;
  input_tokens?: number;
  output_tokens?: number;
  cached_input_tokens?: number;
  latency_ms?: number;
  status?: 'ok' | 'error' | 'timeout';
  fallback?: boolean;
  human_override?: boolean;
  sample_rate?: number;
}

/**
 * Inserts canonical records straight into `records` (bypassing ingest) for tests of views and
 * evaluators. Missing fields get plain defaults.
 */
export async function insertRecords(wh: Warehouse, rows: RecordRow[]): Promise<void> {
  if (rows.length === 0) return;
  const full = rows.map((r) => ({
    tenant_id: 't1', workflow: 'wf', model: 'gpt-4o-mini', prompt_version: 'v1', input: null, output: null,
    category: null, confidence: null, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, latency_ms: 100,
    status: 'ok', fallback: false, human_override: false, sample_rate: 1, ...r,
  }));
  await wh.run(
    `INSERT INTO records (id, ts, tenant_id, workflow, model, prompt_version, input, output, category, confidence,
       input_tokens, output_tokens, cached_input_tokens, latency_ms, status, fallback, human_override, sample_rate)
     SELECT r.id, CAST(r.ts AS TIMESTAMPTZ), r.tenant_id, r.workflow, r.model, r.prompt_version, r.input, r.output, r.category,
       r.confidence, r.input_tokens, r.output_tokens, r.cached_input_tokens, r.latency_ms, r.status, r.fallback, r.human_override, r.sample_rate
     FROM (SELECT unnest(CAST($1 AS JSON)::STRUCT(id VARCHAR, ts VARCHAR, tenant_id VARCHAR, workflow VARCHAR, model VARCHAR,
       prompt_version VARCHAR, input VARCHAR, output VARCHAR, category VARCHAR, confidence DOUBLE, input_tokens BIGINT,
       output_tokens BIGINT, cached_input_tokens BIGINT, latency_ms DOUBLE, status VARCHAR, fallback BOOLEAN,
       human_override BOOLEAN, sample_rate DOUBLE)[], recursive := true)) r`,
    [JSON.stringify(full)],
  );
}

/** Runs `fn` with a fresh temp warehouse, removed afterwards whatever happens. */
export async function withWarehouse(fn: (t: TempWarehouse) => Promise<void>): Promise<void> {
  const t = await tempWarehouse();
  try {
    await fn(t);
  } finally {
    t.cleanup();
  }
}

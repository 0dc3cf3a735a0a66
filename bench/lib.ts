import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const RESULTS_DIR = join(BENCH_DIR, 'results');
/** Scratch space for generated inputs; not tracked. */
export const WORK_DIR = join(BENCH_DIR, 'work');

export interface Measurement {
  label: string;
  ms: number;
  /** Peak resident set size of the process so far, in MiB (ru_maxrss). */
  peakRssMiB: number;
}

export async function time(label: string, fn: () => Promise<unknown>): Promise<Measurement> {
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  return { label, ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

export interface BenchReport {
  bench: string;
  when: string;
  machine: { cpus: number; node: string };
  /** Figures that matter, each a ratio against a baseline measured in the same run. */
  ratios: Record<string, number>;
  measurements: Measurement[];
  notes?: string[];
  /** Anything else worth keeping (sizes, row counts). */
  extra?: Record<string, unknown>;
}

/** Writes bench/results/<bench>.json (the latest run) and prints a summary line per ratio. */
export function writeReport(report: Omit<BenchReport, 'when' | 'machine'>): BenchReport {
  const full: BenchReport = {
    ...report,
    when: new Date().toISOString(),
    machine: { cpus: availableParallelism(), node: process.version },
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${report.bench}.json`), `${JSON.stringify(full, null, 2)}\n`);
  for (const m of report.measurements) console.log(`${report.bench}: ${m.label}: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${m.peakRssMiB.toFixed(0)} MiB`);
  for (const [k, v] of Object.entries(report.ratios)) console.log(`${report.bench}: ${k} = ${v.toFixed(3)}`);
  return full;
}

import type { Command } from 'commander';
import { AssayError, EXIT } from '../../data/errors.ts';
import type { DriftWindows } from '../../evaluators/drift/aggregates.ts';
import type { DriftResultRow } from '../../evaluators/drift/runDrift.ts';
import { SEVERITY_RANK } from '../../evaluators/drift/severity.ts';
import { globals, runJobFromCli } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

const FAIL_LEVELS = ['low', 'medium', 'high'] as const;

function days(flag: string, value: string): number {
  const m = /^(\d+)d?$/.exec(value);
  if (!m || Number(m[1]) <= 0) throw new AssayError('ASSAY_ERR_USAGE', `${flag} expects a number of days such as 7d, got '${value}'`);
  return Number(m[1]);
}

/** A finding's most telling detail, for the table. */
function note(r: DriftResultRow): string {
  const d = r.details;
  if (d.spike_start_day) return `since ${String(d.spike_start_day)}`;
  const parts: string[] = [];
  if (Array.isArray(d.new_categories) && d.new_categories.length) parts.push(`new: ${d.new_categories.join(', ')}`);
  if (Array.isArray(d.vanished_categories) && d.vanished_categories.length) parts.push(`vanished: ${d.vanished_categories.join(', ')}`);
  const cur = d.current as { p50?: number | null; p95?: number | null } | undefined;
  const ref = d.reference as { p50?: number | null; p95?: number | null } | undefined;
  // both quantiles: a confidence drift moves the median, a latency regression the tail
  for (const q of ['p50', 'p95'] as const) {
    const [before, now] = [ref?.[q], cur?.[q]];
    if (typeof before === 'number' && typeof now === 'number') parts.push(`${q} ${Number(before.toPrecision(4))} → ${Number(now.toPrecision(4))}`);
  }
  if (typeof d.reference_rate === 'number' && typeof d.current_rate === 'number') {
    parts.push(`${(d.reference_rate * 100).toFixed(1)}% → ${(d.current_rate * 100).toFixed(1)}%`);
  }
  return parts.join('; ');
}

export function driftCommand(program: Command): void {
  program
    .command('drift')
    .description('detect drift: the current window vs the reference weeks, for every segment; findings sorted by severity')
    .option('--window <days>', 'current window length, e.g. 7d', '7d')
    .option('--end <date>', 'exclusive end of the current window, YYYY-MM-DD (default: start of today, UTC, or the day after the latest record if the data stops earlier)')
    .option('--reference <days>', 'reference length before the window, e.g. 28d (ignored with a pinned drift.baseline)', '28d')
    .option('--fail-on <severity>', `exit ${EXIT.findings} when a finding at least this severe exists (${FAIL_LEVELS.join('|')})`)
    .action(async (opts: { window: string; end?: string; reference: string; failOn?: string }, cmd: Command) => {
      if (opts.failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(opts.failOn)) {
        throw new AssayError('ASSAY_ERR_USAGE', `--fail-on expects one of ${FAIL_LEVELS.join(', ')}, got '${opts.failOn}'`);
      }
      const params = { window_days: days('--window', opts.window), reference_days: days('--reference', opts.reference), ...(opts.end ? { end: opts.end } : {}) };
      const outcome = await runJobFromCli<{ output: { findings: DriftResultRow[]; windows: DriftWindows; end_source: string; skipped: unknown }; counts: Record<string, number> }>(cmd, 'drift', params);
      const { findings, windows: w, end_source } = outcome.result.output;
      if (globals(cmd).json) printJson({ run_id: outcome.runId, ...outcome.result.output, counts: outcome.result.counts });
      else {
        const rows = findings.map((r) => ({
          severity: r.severity, segment: r.segment, metric: r.metric, test: r.test, effect: r.effect, p_adjusted: r.p_adjusted, note: note(r),
        }));
        process.stdout.write(`${findings.length ? formatTable(rows) : 'no drift findings'}\n`);
        const c = outcome.result.counts;
        process.stdout.write(`${c.results} segment × test results: ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.insufficient_data} insufficient data (run ${outcome.runId})\n`);
        const last = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        process.stdout.write(`window ${w.current.start} … ${last(w.current.end)} vs reference ${w.reference.start} … ${last(w.reference.end)} (end: ${end_source})\n`);
      }
      if (opts.failOn) {
        const min = SEVERITY_RANK[opts.failOn as (typeof FAIL_LEVELS)[number]];
        if (findings.some((f) => SEVERITY_RANK[f.severity] >= min)) process.exitCode = EXIT.findings;
      }
    });
}

import type { Command } from 'commander';
import { isoWeekStart } from '../../data/cost/isoWeek.ts';
import type { PriceChange } from '../../data/cost/priceChanges.ts';
import { AssayError, EXIT } from '../../data/errors.ts';
import type { Row } from '../../data/warehouse.ts';
import type { CostOutput } from '../../jobs/cost.ts';
import { globals, runJobFromCli } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

const FAIL_ON = ['unpriced', 'over_budget', 'pending_prices'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** Dollars to the cent (no "-$0.00" for rounding noise); amounts under a dollar per request keep 4 significant digits. */
const usd = (v: unknown) => {
  if (typeof v !== 'number') return '—';
  const cents = Math.round(v * 100) / 100;
  return `${cents < 0 ? '-' : ''}$${Math.abs(cents).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
};
const unitUsd = (v: unknown) => (typeof v === 'number' && Math.abs(v) < 1 ? `$${Number(v.toPrecision(4))}` : usd(v));
const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const count = (v: unknown) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : '—');

function table(title: string, rows: Row[], columns: Record<string, (r: Row) => string>, empty = '(none)'): string {
  const body = rows.map((r) => Object.fromEntries(Object.entries(columns).map(([name, f]) => [name, f(r)])));
  return `${title}\n${rows.length ? formatTable(body) : empty}`;
}

function changeText(c: PriceChange): string[] {
  const sum = (k: 'old_est_cost_usd' | 'new_est_cost_usd' | 'old_cost_usd' | 'new_cost_usd') => c.rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  return [
    `${count(c.records_repriced)} of ${count(c.records)} stored records change; their estimated total ${usd(sum('old_est_cost_usd'))} → ${usd(sum('new_est_cost_usd'))} (sampled ${usd(sum('old_cost_usd'))} → ${usd(sum('new_cost_usd'))}), all records ${usd(c.old_est_cost_usd)} → ${usd(c.new_est_cost_usd)}; from ${c.from?.slice(0, 10) ?? 'the first record'}`,
    table('', c.rows.slice(0, 20) as unknown as Row[], {
      tenant_id: (r) => String(r.tenant_id), workflow: (r) => String(r.workflow), model: (r) => String(r.model), requests: (r) => count(r.requests),
      old_est_usd: (r) => usd(r.old_est_cost_usd), new_est_usd: (r) => usd(r.new_est_cost_usd),
      priced_before: (r) => count(r.old_priced_requests), priced_after: (r) => count(r.new_priced_requests),
    }).trimStart(),
  ];
}

function weekText(out: CostOutput): string {
  const w = out.week!;
  const t = w.totals;
  const v = out.active_versions.map((a) => `${a.version}${a.applies_from ? ` from ${a.applies_from.slice(0, 10)}` : ''}`).join(', ');
  const rate = t.min_sample_rate === t.max_sample_rate ? `sample rate ${t.min_sample_rate}` : `sample rates ${t.min_sample_rate}–${t.max_sample_rate}`;
  const lines = [
    `Cost ${w.week} (${w.week_start} to ${new Date(Date.parse(`${w.week_start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10)}${t.days_with_data < 7 ? `, records on ${t.days_with_data} of the 7 days` : ''}), ${w.tenant ? `tenant ${w.tenant}` : 'all tenants'}; price version ${v} (${out.active_versions.at(-1)?.shipped_source ?? 'shipped table'}${out.active_versions.at(-1)?.user_file ? ` + ${out.active_versions.at(-1)?.user_file}` : ''})`,
    `Figures are estimates: each of the ${count(t.requests)} sampled records counts 1/sample_rate (${rate}) — est. ${count(t.est_requests)} requests, est. cost ${usd(t.est_cost_usd)} (sampled records alone: ${usd(t.cost_usd)}).`,
  ];
  if (t.unpriced_requests) lines.push(`Not included: ${count(t.unpriced_requests)} sampled records of unpriced models (see below) — their cost is unknown, not zero.`);
  const cols = (key: string, extra: Record<string, (r: Row) => string>): Record<string, (r: Row) => string> => ({
    [key]: (r) => String(r.key), sampled: (r) => count(r.requests), est_requests: (r) => count(r.est_requests), est_cost: (r) => usd(r.est_cost_usd), share: (r) => pct(r.share),
    ...extra,
  });
  lines.push(
    '',
    table('By tenant', w.tenants, cols('tenant_id', { prev_week: (r) => usd(r.prev_est_cost_usd), change: (r) => usd(r.delta_usd), unpriced: (r) => count(r.unpriced_requests) })),
    '',
    table('By workflow', w.workflows, cols('workflow', { per_success: (r) => unitUsd(r.est_cost_per_successful_request), fallback: (r) => pct(r.fallback_share), failed: (r) => pct(r.failed_share), unpriced: (r) => count(r.unpriced_requests) })),
    '',
    table('By model', w.models, cols('model', { price: (r) => String(r.price_ids ?? 'unpriced') })),
    '',
    table('Cost per successful request (status ok, not overridden)', w.cost_per_successful_request, {
      tenant_id: (r) => String(r.tenant_id), workflow: (r) => String(r.workflow), successful: (r) => count(r.successful_requests),
      est_cost: (r) => usd(r.est_cost_usd), per_request: (r) => unitUsd(r.est_cost_per_request), per_success: (r) => unitUsd(r.est_cost_per_successful_request),
    }),
    '',
    table('Waste: cost of fallbacks, failed (error/timeout) and overridden requests', w.waste, {
      tenant_id: (r) => String(r.tenant_id), workflow: (r) => String(r.workflow), est_cost: (r) => usd(r.est_cost_usd),
      fallback: (r) => `${usd(r.est_fallback_cost_usd)} (${pct(r.fallback_share)})`, failed: (r) => `${usd(r.est_failed_cost_usd)} (${pct(r.failed_share)})`,
      overridden: (r) => `${usd(r.est_overridden_cost_usd)} (${pct(r.overridden_share)})`,
    }),
    '',
    table(`Budget burn${w.budgets[0] ? ` (as of ${String(w.budgets[0].day)})` : ''}`, w.budgets, {
      scope: (r) => `${String(r.scope)} ${String(r.scope_id)}`, budget: (r) => usd(r.budget_usd), month_to_date: (r) => usd(r.mtd_est_cost_usd),
      burn: (r) => pct(r.burn_ratio), forecast_linear: (r) => usd(r.forecast_linear_usd), forecast_weekday: (r) => usd(r.forecast_weekday_usd),
      forecast_burn: (r) => pct(r.forecast_burn_ratio), note: (r) => (r.partial_month ? `data since day ${Number(r.day_of_month) - Number(r.days_counted) + 1}` : ''),
    }, '(no budgets in config: cost.budgets)'),
    '',
    table(`Week over week: why cost changed (vs ${String(w.changes[0]?.prev_week ?? 'the week before')})`, w.changes, {
      scope: (r) => `${String(r.scope)} ${String(r.scope_id)}`, before: (r) => usd(r.prev_est_cost_usd), now: (r) => usd(r.est_cost_usd),
      change: (r) => `${usd(r.delta_usd)} (${pct(r.delta_share)})`, volume: (r) => usd(r.volume_effect_usd), model_mix: (r) => usd(r.mix_effect_usd),
      tokens_per_request: (r) => usd(r.tokens_effect_usd), price: (r) => usd(r.price_effect_usd),
    }, '(no previous week with records)'),
    '',
    table('Largest changes by model', w.change_drivers, {
      scope: (r) => `${String(r.scope)} ${String(r.scope_id)}`, model: (r) => String(r.model), requests: (r) => `${count(r.prev_est_requests)} → ${count(r.est_requests)}`,
      change: (r) => usd(r.delta_usd), volume: (r) => usd(r.volume_effect_usd), model_mix: (r) => usd(r.mix_effect_usd),
      tokens_per_request: (r) => usd(r.tokens_effect_usd), price: (r) => usd(r.price_effect_usd),
    }),
    '',
    table('Unpriced models (cost unknown, not counted as 0)', w.unpriced_models, {
      model: (r) => String(r.model), sampled: (r) => count(r.requests), est_requests: (r) => count(r.est_requests), tenants: (r) => count(r.tenants),
      workflows: (r) => count(r.workflows), reason: (r) => String(r.unpriced_reason),
    }),
  );
  return lines.join('\n');
}

function warnings(out: CostOutput): string[] {
  const list: string[] = [];
  if (out.prices.state === 'pending') {
    list.push(`price table changed (pending version ${out.prices.version}); figures use active version ${out.prices.active}. Applying it would reprice stored records:`, ...changeText(out.prices.change).map((l) => `  ${l.replaceAll('\n', '\n  ')}`), '  run `assay cost reprice` (or `--dry-run`, `--from YYYY-MM-DD`) to apply it');
  }
  if (out.prices.state === 'applied') list.push(`price table changed and was applied as version ${out.prices.version}: ${count(out.prices.change.records_repriced)} stored records ${out.prices.change.newly_priced_only ? 'gained a price they did not have' : 'changed'}`);
  for (const a of out.week?.alerts.unpriced ?? []) list.push(String(a.message));
  for (const a of out.week?.alerts.budget ?? []) list.push(String(a.message));
  return list;
}

function failures(out: CostOutput, failOn: FailOn[]): boolean {
  const w = out.week;
  return (
    (failOn.includes('unpriced') && (w?.totals.unpriced_requests ?? 0) > 0) ||
    (failOn.includes('over_budget') && (w?.alerts.budget.length ?? 0) > 0) ||
    (failOn.includes('pending_prices') && out.prices.state === 'pending')
  );
}

function parseFailOn(value: string | undefined): FailOn[] {
  if (value === undefined) return [];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(FAIL_ON as readonly string[]).includes(s));
  if (bad.length || !list.length) throw new AssayError('ASSAY_ERR_USAGE', `--fail-on expects a comma-separated list of ${FAIL_ON.join(', ')}, got '${value}'`);
  return list as FailOn[];
}

export function costCommand(program: Command): void {
  const cost = program
    .command('cost')
    .description('cost of a week by tenant, workflow and model (estimates scaled by 1/sample_rate), waste, budget burn, why it changed, unpriced models')
    .option('--week <week>', 'ISO week, e.g. 2026-W46 (default: the latest week with records)')
    .option('--tenant <id>', 'only this tenant')
    .option('--fail-on <conditions>', `exit ${EXIT.findings} when any holds: ${FAIL_ON.join(', ')} (comma-separated)`)
    .action(async (opts: { week?: string; tenant?: string; failOn?: string }, cmd: Command) => {
      const failOn = parseFailOn(opts.failOn);
      if (opts.week !== undefined && !isoWeekStart(opts.week)) {
        throw new AssayError('ASSAY_ERR_USAGE', `--week expects an ISO week such as 2026-W46, got '${opts.week}'${/^\d{4}-W\d{2}$/.test(opts.week) ? ' (that year has no such week)' : ''}`);
      }
      const outcome = await runJobFromCli<{ output: CostOutput; counts: Record<string, number> }>(cmd, 'cost', { week: opts.week, tenant: opts.tenant });
      const out = outcome.result.output;
      if (globals(cmd).json) printJson({ run_id: outcome.runId, ...out, warnings: warnings(out) });
      else {
        const warn = warnings(out);
        process.stdout.write(`${weekText(out)}\n${warn.length ? `\nWarnings:\n${warn.map((l) => `! ${l}`).join('\n')}\n` : ''}`);
      }
      if (failures(out, failOn)) process.exitCode = EXIT.findings;
    });

  cost
    .command('reprice')
    .description('apply a changed price table (shipped, cost.prices_file, cost.tenants) to stored records; reports old vs new totals and records the version change')
    .option('--from <date>', 'reprice records from this day (UTC, YYYY-MM-DD); earlier ones keep their prices (default: where the newest active version starts)')
    .option('--dry-run', 'report old vs new totals without applying')
    .action(async (opts: { from?: string; dryRun?: boolean }, cmd: Command) => {
      if (opts.from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.from)) throw new AssayError('ASSAY_ERR_USAGE', `--from expects a date YYYY-MM-DD, got '${opts.from}'`);
      const outcome = await runJobFromCli<{ output: CostOutput }>(cmd, 'cost', { reprice: true, from: opts.from, dry_run: Boolean(opts.dryRun) });
      const out = outcome.result.output;
      if (globals(cmd).json) {
        printJson({ run_id: outcome.runId, ...out.prices, active_versions: out.active_versions });
        return;
      }
      const p = out.prices;
      if (p.state === 'nothing_to_reprice') process.stdout.write(`Nothing to reprice: active price version ${p.version} already matches the price table and config.\n`);
      else if (p.state === 'dry_run' || p.state === 'repriced') {
        const head = p.state === 'dry_run' ? `Dry run — version ${p.change.version} would replace ${p.change.replaces.join(', ')}:` : `Repriced: version ${p.change.version} replaces ${p.change.replaces.join(', ')}:`;
        process.stdout.write(`${[head, ...changeText(p.change)].join('\n')}\n`);
      }
    });
}

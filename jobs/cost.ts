import { z } from 'zod';
import { loadPriceInputs } from '../data/cost/inputs.ts';
import { isoWeekStart } from '../data/cost/isoWeek.ts';
import { refreshPrices, reprice, type PriceState, type RepriceOutcome } from '../data/cost/priceChanges.ts';
import { storeCostSettings } from '../data/cost/settings.ts';
import { weekSummary, type WeekSummary } from '../data/cost/weekSummary.ts';
import { AssayError } from '../data/errors.ts';
import type { Warehouse } from '../data/warehouse.ts';
import { defineJob } from './defineJob.ts';
import { isoDate } from '../data/isoDate.ts';
import { assertKnownTenant } from '../data/tenants.ts';


export interface ActiveVersion {
  version: number;
  applies_from: string | null;
  applies_to: string | null;
  shipped_source: string | null;
  user_file: string | null;
  change: string | null;
}

export interface CostOutput {
  prices: PriceState | RepriceOutcome;
  active_versions: ActiveVersion[];
  week: WeekSummary | null;
}

async function activeVersions(wh: Warehouse): Promise<ActiveVersion[]> {
  return wh.all<ActiveVersion>(
    `SELECT version, applies_from, applies_to, shipped_source, user_file, change FROM price_versions WHERE status = 'active'
     ORDER BY applies_from NULLS FIRST`,
  );
}

/** The week asked for, or the latest week with records; its Monday. */
async function pickWeek(wh: Warehouse, week: string | undefined): Promise<{ week: string; start: string }> {
  const range = await wh.one<{ first: string | null; last: string | null; last_week: string | null; last_start: string | null }>(
    `SELECT utc_day(min(ts)) AS first, utc_day(max(ts)) AS last, iso_week(utc_week_start(max(ts))) AS last_week, utc_week_start(max(ts)) AS last_start FROM records`,
  );
  if (!range?.last) throw new AssayError('ASSAY_ERR_NO_DATA', 'No records in the warehouse: run `assay ingest` (or `npm run demo`) first.');
  if (!week) return { week: range.last_week!, start: range.last_start! };
  const start = isoWeekStart(week);
  if (!start) throw new AssayError('ASSAY_ERR_JOB_PARAMS', `week: '${week}' is not an ISO week such as 2026-W46`);
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  if (end < range.first! || start > range.last) {
    throw new AssayError('ASSAY_ERR_NO_DATA', `No records in ${week} (${start} … ${end}): the warehouse has records from ${range.first} to ${range.last}.`);
  }
  return { week, start };
}

export const cost = defineJob({
  name: 'cost',
  description: 'load the price table (shipped + cost.prices_file + tenant terms) as a new version when it changed, store budgets, and compute the week: cost by tenant, workflow and model, waste, budgets, change explanation, unpriced models',
  params: z
    .object({
      week: z.string().regex(/^\d{4}-W\d{2}$/, "expected an ISO week such as '2026-W46'").optional().describe('default: the latest week with records'),
      tenant: z.string().min(1).optional().describe('only this tenant'),
      reprice: z.boolean().default(false).describe('apply a changed price table to stored records (old vs new totals are reported and kept)'),
      from: isoDate.optional().describe('with reprice: records from this day (UTC) on; default: where the newest active version starts'),
      dry_run: z.boolean().default(false).describe('with reprice: report old vs new totals without applying'),
    })
    .strict()
    .refine((p) => p.reprice || p.from === undefined, { message: 'from goes with reprice', path: ['from'] })
    .refine((p) => p.reprice || !p.dry_run, { message: 'dry_run goes with reprice', path: ['dry_run'] }),
  async run(ctx, p): Promise<{ counts: Record<string, number>; output: CostOutput }> {
    const { wh } = ctx;
    if (p.tenant) await assertKnownTenant(wh, p.tenant);
    const inputs = await loadPriceInputs(wh, ctx.config.cost, ctx.baseDir);
    const prices = p.reprice ? await reprice(wh, inputs, ctx.runId, { from: p.from, dryRun: p.dry_run }) : await refreshPrices(wh, inputs, ctx.runId);
    const settings = await storeCostSettings(wh, ctx.config.cost, ctx.runId);
    ctx.progress(`cost: prices ${prices.state}${'version' in prices ? ` (version ${prices.version})` : ''}`);
    let week: WeekSummary | null = null;
    if (!p.reprice) {
      const w = await pickWeek(wh, p.week);
      week = await weekSummary(wh, w.week, w.start, p.tenant ?? null);
    }
    const change = 'change' in prices ? prices.change : null;
    return {
      counts: {
        budgets: settings.budgets,
        records_in_week: week?.totals.requests ?? 0,
        unpriced_in_week: week?.totals.unpriced_requests ?? 0,
        records_repriced: change?.records_repriced ?? 0,
        pending_price_versions: prices.state === 'pending' ? 1 : 0,
      },
      output: { prices, active_versions: await activeVersions(wh), week },
    };
  },
});

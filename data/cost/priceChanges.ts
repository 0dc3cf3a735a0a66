import { sqlFile } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';
import { buildPricing, type Segment } from './pricingTables.ts';
import { activate, discardPending, pendingVersion, segmentsOf, storeVersion, versions, type PriceInputs, type VersionRow } from './versionStore.ts';

/** Old vs new totals of one tenant × workflow × model whose stored records a price change would reprice. */
export interface RepriceRow {
  tenant_id: string;
  workflow: string;
  model: string;
  requests: number;
  old_priced_requests: number;
  new_priced_requests: number;
  old_cost_usd: number | null;
  new_cost_usd: number | null;
  old_est_cost_usd: number | null;
  new_est_cost_usd: number | null;
}

export interface PriceChange {
  version: number;
  replaces: number[];
  /** Records from this instant on are affected (null: all history). */
  from: string | null;
  /** Only records without a price before gain one; no stored cost moves. */
  newly_priced_only: boolean;
  /** Stored records compared (all from `from` on) and those whose cost changes. */
  records: number;
  records_repriced: number;
  /** Totals over all records compared, before and after. */
  old_cost_usd: number;
  new_cost_usd: number;
  old_est_cost_usd: number;
  new_est_cost_usd: number;
  /** The groups whose cost changes, largest change first. */
  rows: RepriceRow[];
}

export type PriceState =
  | { state: 'initial' | 'current'; version: number }
  /** Loaded without touching any stored cost (or only pricing records that had none). */
  | { state: 'applied'; version: number; change: PriceChange }
  /** Would change stored costs: waits for `assay cost reprice`; figures still use the active versions. */
  | { state: 'pending'; version: number; active: number; change: PriceChange };

const isoOrNull = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

async function snapshot(wh: Warehouse, table: 'reprice_old' | 'reprice_new', from: number): Promise<void> {
  await wh.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sqlFile('queries/cost/cost_totals')}`, { from: isoOrNull(from) ?? '-infinity' });
}

/** Prices the stored records under `next` instead of `current` (from `from` on) and compares per group; leaves `next` built. */
async function simulate(wh: Warehouse, current: Segment[], next: Segment[], version: number, from: number): Promise<PriceChange> {
  await snapshot(wh, 'reprice_old', from);
  await buildPricing(wh, next);
  await snapshot(wh, 'reprice_new', from);
  await wh.run(sqlFile('queries/cost/reprice_diff'));
  const rows = await wh.all<RepriceRow & { changed: boolean }>(
    'SELECT * FROM reprice_diff ORDER BY abs(coalesce(new_est_cost_usd, 0) - coalesce(old_est_cost_usd, 0)) DESC, tenant_id, workflow, model',
  );
  const changed = rows.filter((r) => r.changed).map(({ changed: _c, ...r }) => r);
  const total = (k: keyof RepriceRow) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  return {
    version,
    replaces: current.filter((s) => s.to > from).map((s) => s.version),
    from: isoOrNull(from),
    newly_priced_only: changed.every((r) => r.old_priced_requests === 0),
    records: rows.reduce((s, r) => s + r.requests, 0),
    records_repriced: changed.reduce((s, r) => s + r.requests, 0),
    old_cost_usd: total('old_cost_usd'),
    new_cost_usd: total('new_cost_usd'),
    old_est_cost_usd: total('old_est_cost_usd'),
    new_est_cost_usd: total('new_est_cost_usd'),
    rows: changed,
  };
}

/** The chain with `seg` taking over from seg.from: earlier segments end there, later ones drop out. */
function withSegment(chain: Segment[], seg: Segment): Segment[] {
  return [...chain.filter((s) => s.from < seg.from).map((s) => ({ ...s, to: Math.min(s.to, seg.from) })), seg];
}

async function record(wh: Warehouse, change: PriceChange, label: string, runId: string, from: number): Promise<void> {
  await activate(wh, change.version, from, label, runId, change);
  await wh.run(sqlFile('queries/cost/record_changes'), {
    version: change.version, previous: JSON.stringify(change.replaces), from: change.from ?? '-infinity',
  });
}

async function candidate(wh: Warehouse, inputs: PriceInputs, version: number, from: number): Promise<Segment> {
  const [seg] = await segmentsOf(wh, [{ version, status: 'pending', applies_from: null, applies_to: null, content_hash: inputs.hash }]);
  return { ...seg, from, to: Infinity };
}

/**
 * Loads the price inputs as the cost job does on every run. The first load becomes version 1. A changed
 * table that leaves every stored cost as it is (or only prices records that had no price) is applied
 * and recorded; one that would change stored costs is kept pending and nothing is repriced.
 */
export async function refreshPrices(wh: Warehouse, inputs: PriceInputs, runId: string): Promise<PriceState> {
  const active = await versions(wh, 'active');
  if (active.length === 0) {
    const version = await storeVersion(wh, inputs, 'active', runId);
    await activate(wh, version, -Infinity, 'initial', runId, { records_repriced: 0, old_cost_usd: 0, new_cost_usd: 0 });
    await buildPricing(wh, await segmentsOf(wh, await versions(wh, 'active')));
    return { state: 'initial', version };
  }
  const chain = await segmentsOf(wh, active);
  await buildPricing(wh, chain);
  const head = active[active.length - 1];
  if (head.content_hash === inputs.hash) {
    await discardPending(wh);
    return { state: 'current', version: head.version };
  }
  const version = await pendingVersion(wh, inputs, runId);
  const from = chain[chain.length - 1].from;
  const change = await simulate(wh, chain, withSegment(chain, await candidate(wh, inputs, version, from)), version, from);
  if (change.records_repriced === 0 || change.newly_priced_only) {
    await record(wh, change, change.records_repriced === 0 ? 'no stored cost changed' : 'newly priced only', runId, from);
    return { state: 'applied', version, change };
  }
  await buildPricing(wh, chain);
  await wh.run('UPDATE price_versions SET records_repriced = $2, old_cost_usd = $3, new_cost_usd = $4 WHERE version = $1', [
    version, change.records_repriced, change.old_cost_usd, change.new_cost_usd,
  ]);
  return { state: 'pending', version, active: head.version, change };
}

export type RepriceOutcome =
  | { state: 'nothing_to_reprice'; version: number }
  | { state: 'repriced' | 'dry_run'; change: PriceChange };

/**
 * `assay cost reprice [--from DATE]`: applies the price inputs to stored records from `from` (default:
 * where the newest active version starts) and reports old vs new totals; earlier records keep their prices.
 */
export async function reprice(wh: Warehouse, inputs: PriceInputs, runId: string, opts: { from?: string; dryRun?: boolean }): Promise<RepriceOutcome> {
  const active: VersionRow[] = await versions(wh, 'active');
  if (active.length === 0) {
    const s = await refreshPrices(wh, inputs, runId);
    return { state: 'nothing_to_reprice', version: s.version };
  }
  const chain = await segmentsOf(wh, active);
  const head = chain[chain.length - 1];
  const from = opts.from ? Date.parse(`${opts.from}T00:00:00Z`) : head.from;
  await buildPricing(wh, chain);
  if (active[active.length - 1].content_hash === inputs.hash && from >= head.from) {
    await discardPending(wh);
    return { state: 'nothing_to_reprice', version: head.version };
  }
  const version = await pendingVersion(wh, inputs, runId);
  const change = await simulate(wh, chain, withSegment(chain, await candidate(wh, inputs, version, from)), version, from);
  if (opts.dryRun) {
    await buildPricing(wh, chain);
    return { state: 'dry_run', change };
  }
  await record(wh, change, 'reprice', runId, from);
  return { state: 'repriced', change };
}

import type { Warehouse } from '../warehouse.ts';
import { insertJson } from './insertJson.ts';
import { priceId, type Catalogue } from './catalogue.ts';
import type { TenantTerm } from './config.ts';
import { cover, partition, toIso, type Piece } from './periods.ts';
import type { PriceRow } from './priceFile.ts';
import { resolveChain, type Resolution } from './resolve.ts';
import { sameTenantPrice, tenantSpans, type TenantPrice } from './tenantTerms.ts';

/** One active price version over [from, to) (ms; ±Infinity when open), with what it is made of. */
export interface Segment {
  version: number;
  from: number;
  to: number;
  catalogue: Catalogue;
  tenants: Record<string, TenantTerm | TenantTerm[]>;
  fallbackProviders: string[];
}

interface Charge {
  input_mtok: number | null;
  cached_input_mtok: number | null;
  output_mtok: number | null;
  request_usd: number | null;
}

interface PriceLabel {
  /** Index into the model's resolution chain of the entry in force (null: none). */
  rank: number | null;
  price_id: string | null;
  unpriced_reason: string | null;
  /** Base prices, and the tier's from a number of input tokens on (null: no tier). */
  base: Charge;
  tier: { from_tokens: number; charge: Charge } | null;
}

/** Open upper bound of input_tokens_to (fits BIGINT and a JSON number exactly). */
const MAX_TOKENS = 9e18;
const NONE: Charge = { input_mtok: null, cached_input_mtok: null, output_mtok: null, request_usd: null };
const sameLabel = (a: PriceLabel, b: PriceLabel) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The prices a record is charged, with genai-prices' defaults filled in so the per-record SQL needs no
 * fallbacks: a missing kind costs 0, cached tokens cost the input price when there is no cache price, tier
 * prices default to the base ones. A row priced only in units Assay does not record keeps every price NULL.
 */
function rowLabel(r: PriceRow, rank: number): PriceLabel {
  const usable = r.input_mtok !== null || r.output_mtok !== null || r.request_usd !== null;
  if (!usable) return { rank, price_id: priceId(r), unpriced_reason: 'priced only in units Assay does not record (audio, images, …)', base: NONE, tier: null };
  const input = r.input_mtok ?? 0;
  const base = { input_mtok: input, cached_input_mtok: r.cached_input_mtok ?? input, output_mtok: r.output_mtok ?? 0, request_usd: r.request_usd ?? 0 };
  if (r.tier_threshold_tokens === null) return { rank, price_id: priceId(r), unpriced_reason: null, base, tier: null };
  const tierInput = r.tier_input_mtok ?? input;
  const tier = {
    input_mtok: tierInput,
    cached_input_mtok: r.tier_cached_input_mtok ?? (r.cached_input_mtok === null ? tierInput : base.cached_input_mtok),
    output_mtok: r.tier_output_mtok ?? base.output_mtok,
    request_usd: base.request_usd,
  };
  // genai-prices applies a tier to a request with more input tokens than its start
  return { rank, price_id: priceId(r), unpriced_reason: null, base, tier: { from_tokens: r.tier_threshold_tokens + 1, charge: tier } };
}

/** The token ranges of a label: [0, ∞) at the base price, or split at the tier. */
function tokenRanges(l: PriceLabel): { input_tokens_from: number; input_tokens_to: number; tiered: boolean; charge: Charge }[] {
  if (!l.tier) return [{ input_tokens_from: 0, input_tokens_to: MAX_TOKENS, tiered: false, charge: l.base }];
  return [
    { input_tokens_from: 0, input_tokens_to: l.tier.from_tokens, tiered: false, charge: l.base },
    { input_tokens_from: l.tier.from_tokens, input_tokens_to: MAX_TOKENS, tiered: true, charge: l.tier.charge },
  ];
}

const tsText = (ms: number, open: string) => toIso(ms) ?? open;

/**
 * Every piece of time of one model in one segment: the price of the first entry of its resolution chain with
 * a row in force there (a user's dated row, else the shipped price), or a placeholder that says why there is none.
 */
function modelPieces(seg: Segment, chain: Resolution[]): Piece<PriceLabel>[] {
  if (chain.length === 0) {
    return cover([], seg.from, seg.to, { rank: null, price_id: null, unpriced_reason: 'no price entry matches this model id', base: NONE, tier: null }, sameLabel);
  }
  // spans in chain order: cover() gives each cell the first span that covers it
  const spans = chain.flatMap((res, rank) => res.entry.rows.map((r) => ({
    span: { from: r.effective_from ? Date.parse(r.effective_from) : -Infinity, to: r.effective_to ? Date.parse(r.effective_to) : Infinity, timeFrom: r.time_from_s, timeTo: r.time_to_s },
    label: rowLabel(r, rank),
  })));
  return cover(spans, seg.from, seg.to, { rank: null, price_id: null, unpriced_reason: 'no price in effect at this time', base: NONE, tier: null }, sameLabel);
}

/**
 * A tenant's terms for one model, by date: a provider discount or a model key applies to the entry in force
 * on that day (the list price before a user's dated override, the user's row after it). tenant_model_prices
 * is by date only: a day priced by several entries (a user's row for some hours) takes the first entry's terms.
 */
function tenantPieces(seg: Segment, tenant: string, terms: TenantTerm | TenantTerm[], model: string, chain: Resolution[], pieces: Piece<PriceLabel>[]): Piece<TenantPrice>[] {
  const spansOf = new Map<number | null, ReturnType<typeof tenantSpans>>();
  const spans = (rank: number | null) => {
    if (!spansOf.has(rank)) spansOf.set(rank, tenantSpans(tenant, terms, model, rank === null ? null : chain[rank].entry));
    return spansOf.get(rank)!;
  };
  const termBounds = [null, ...chain.keys()].flatMap((rank) => spans(rank).flatMap((s) => [s.span.from, s.span.to]));
  const bounds = [seg.from, seg.to, ...pieces.flatMap((p) => [p.from, p.to]), ...termBounds].filter((d) => d >= seg.from && d <= seg.to);
  // no time-of-day cuts: every cell is a whole day
  return partition(bounds, [], (from, to) => {
    const ranks = pieces.filter((p) => p.from <= from && p.to >= to && p.label.rank !== null).map((p) => p.label.rank!);
    const rank = ranks.length ? Math.min(...ranks) : null;
    return spans(rank).find((s) => s.span.from <= from && s.span.to >= to)?.label ?? null;
  }, sameTenantPrice);
}

const MODEL_STRUCT = `model VARCHAR, version INTEGER, effective_from TIMESTAMPTZ, effective_to TIMESTAMPTZ, time_from_us BIGINT, time_to_us BIGINT,
  input_tokens_from BIGINT, input_tokens_to BIGINT, tiered BOOLEAN, price_id VARCHAR, source VARCHAR, provider VARCHAR, price_model VARCHAR,
  matched_by VARCHAR, input_mtok DOUBLE, cached_input_mtok DOUBLE, output_mtok DOUBLE, request_usd DOUBLE, unpriced_reason VARCHAR`;
const TENANT_STRUCT = `tenant_id VARCHAR, model VARCHAR, version INTEGER, effective_from TIMESTAMPTZ, effective_to TIMESTAMPTZ, rule VARCHAR,
  discount DOUBLE, input_mtok DOUBLE, cached_input_mtok DOUBLE, output_mtok DOUBLE, request_usd DOUBLE`;

/**
 * Rebuilds model_prices and tenant_model_prices for the given chain of versions: each distinct logged
 * model id (and tenant × model pair of a tenant with terms) is resolved once per version, so the
 * per-record work stays one join in SQL. Returns how many model ids were resolved and tenant rows written.
 */
export async function buildPricing(wh: Warehouse, chain: Segment[]): Promise<{ models: number; tenant_rows: number }> {
  const pairs = await wh.all<{ tenant_id: string; model: string }>('SELECT DISTINCT tenant_id, model FROM records');
  const models = [...new Set(pairs.map((p) => p.model))].sort();
  const modelRows: object[] = [];
  const tenantRows: object[] = [];
  for (const seg of chain) {
    const resolved = new Map(models.map((m) => {
      const entries = resolveChain(seg.catalogue, m, seg.fallbackProviders);
      return [m, { entries, pieces: modelPieces(seg, entries) }];
    }));
    for (const [model, { entries, pieces }] of resolved) {
      for (const p of pieces) {
        const res = p.label.rank === null ? entries[0] ?? null : entries[p.label.rank];
        for (const range of tokenRanges(p.label)) {
          modelRows.push({
            model, version: seg.version, effective_from: tsText(p.from, '-infinity'), effective_to: tsText(p.to, 'infinity'),
            time_from_us: p.timeFrom * 1e6, time_to_us: p.timeTo * 1e6, input_tokens_from: range.input_tokens_from, input_tokens_to: range.input_tokens_to,
            tiered: range.tiered, price_id: p.label.price_id, source: res?.entry.source ?? null, provider: res?.entry.provider ?? null,
            price_model: res?.entry.model ?? null, matched_by: res ? `${res.matched_by}${res.normalised_id ? ` (as ${res.normalised_id})` : ''}` : null,
            ...range.charge, unpriced_reason: p.label.unpriced_reason,
          });
        }
      }
    }
    for (const { tenant_id, model } of pairs) {
      // own keys only: a tenant id from the logs such as 'constructor' must not find Object's built-ins
      const terms = Object.hasOwn(seg.tenants, tenant_id) ? seg.tenants[tenant_id] : undefined;
      if (!terms) continue;
      const { entries, pieces } = resolved.get(model)!;
      for (const p of tenantPieces(seg, tenant_id, terms, model, entries, pieces)) {
        tenantRows.push({ tenant_id, model, version: seg.version, effective_from: tsText(p.from, '-infinity'), effective_to: tsText(p.to, 'infinity'), ...p.label });
      }
    }
  }
  await wh.run('DELETE FROM model_prices; DELETE FROM tenant_model_prices');
  await insertJson(wh, 'model_prices', MODEL_STRUCT, modelRows);
  await insertJson(wh, 'tenant_model_prices', TENANT_STRUCT, tenantRows);
  return { models: models.length, tenant_rows: tenantRows.length };
}


import type { Warehouse } from '../warehouse.ts';
import { insertJson } from './insertJson.ts';
import { priceId, type Catalogue } from './catalogue.ts';
import type { TenantTerm } from './config.ts';
import { cover, toIso, type Piece } from './periods.ts';
import type { PriceRow } from './priceFile.ts';
import { resolveModel, type Resolution } from './resolve.ts';
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
function rowLabel(r: PriceRow): PriceLabel {
  const usable = r.input_mtok !== null || r.output_mtok !== null || r.request_usd !== null;
  if (!usable) return { price_id: priceId(r), unpriced_reason: 'priced only in units Assay does not record (audio, images, …)', base: NONE, tier: null };
  const input = r.input_mtok ?? 0;
  const base = { input_mtok: input, cached_input_mtok: r.cached_input_mtok ?? input, output_mtok: r.output_mtok ?? 0, request_usd: r.request_usd ?? 0 };
  if (r.tier_threshold_tokens === null) return { price_id: priceId(r), unpriced_reason: null, base, tier: null };
  const tierInput = r.tier_input_mtok ?? input;
  const tier = {
    input_mtok: tierInput,
    cached_input_mtok: r.tier_cached_input_mtok ?? (r.cached_input_mtok === null ? tierInput : base.cached_input_mtok),
    output_mtok: r.tier_output_mtok ?? base.output_mtok,
    request_usd: base.request_usd,
  };
  // genai-prices applies a tier to a request with more input tokens than its start
  return { price_id: priceId(r), unpriced_reason: null, base, tier: { from_tokens: r.tier_threshold_tokens + 1, charge: tier } };
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

/** Every piece of time of one model in one segment: its price, or a placeholder that says why there is none. */
function modelPieces(seg: Segment, res: Resolution | null): Piece<PriceLabel>[] {
  if (!res) {
    return cover([], seg.from, seg.to, { price_id: null, unpriced_reason: 'no price entry matches this model id', base: NONE, tier: null }, sameLabel);
  }
  const spans = res.entry.rows.map((r) => ({
    span: { from: r.effective_from ? Date.parse(r.effective_from) : -Infinity, to: r.effective_to ? Date.parse(r.effective_to) : Infinity, timeFrom: r.time_from_s, timeTo: r.time_to_s },
    label: rowLabel(r),
  }));
  return cover(spans, seg.from, seg.to, { price_id: null, unpriced_reason: 'no price in effect at this time', base: NONE, tier: null }, sameLabel);
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
    const resolved = new Map(models.map((m) => [m, resolveModel(seg.catalogue, m, seg.fallbackProviders)]));
    for (const [model, res] of resolved) {
      for (const p of modelPieces(seg, res)) {
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
      const res = resolved.get(model) ?? null;
      const spans = tenantSpans(tenant_id, terms, model, res ? res.entry : null);
      for (const p of cover<TenantPrice>(spans, seg.from, seg.to, null, sameTenantPrice)) {
        tenantRows.push({ tenant_id, model, version: seg.version, effective_from: tsText(p.from, '-infinity'), effective_to: tsText(p.to, 'infinity'), ...p.label });
      }
    }
  }
  await wh.run('DELETE FROM model_prices; DELETE FROM tenant_model_prices');
  await insertJson(wh, 'model_prices', MODEL_STRUCT, modelRows);
  await insertJson(wh, 'tenant_model_prices', TENANT_STRUCT, tenantRows);
  return { models: models.length, tenant_rows: tenantRows.length };
}


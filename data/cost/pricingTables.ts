import type { Warehouse } from '../warehouse.ts';
import { insertJson } from './insertJson.ts';
import { priceId, type Catalogue } from './catalogue.ts';
import type { TenantTerm } from './config.ts';
import { cover, toIso, type Piece } from './periods.ts';
import { PRICE_KEYS, type PriceRow, type PriceValues } from './priceFile.ts';
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

interface PriceLabel extends PriceValues {
  price_id: string | null;
  unpriced_reason: string | null;
}

const NO_PRICES: PriceValues = Object.fromEntries(PRICE_KEYS.map((k) => [k, null])) as unknown as PriceValues;
const sameLabel = (a: PriceLabel, b: PriceLabel) => JSON.stringify(a) === JSON.stringify(b);

function rowLabel(r: PriceRow): PriceLabel {
  const values = Object.fromEntries(PRICE_KEYS.map((k) => [k, r[k]])) as unknown as PriceValues;
  const usable = r.input_mtok !== null || r.output_mtok !== null || r.request_usd !== null;
  return { ...values, price_id: priceId(r), unpriced_reason: usable ? null : 'priced only in units Assay does not record (audio, images, …)' };
}

const tsText = (ms: number, open: string) => toIso(ms) ?? open;

/** Every piece of time of one model in one segment: its price, or a placeholder that says why there is none. */
function modelPieces(seg: Segment, res: Resolution | null): Piece<PriceLabel>[] {
  if (!res) {
    return cover([], seg.from, seg.to, { ...NO_PRICES, price_id: null, unpriced_reason: 'no price entry matches this model id' }, sameLabel);
  }
  const spans = res.entry.rows.map((r) => ({
    span: { from: r.effective_from ? Date.parse(r.effective_from) : -Infinity, to: r.effective_to ? Date.parse(r.effective_to) : Infinity, timeFrom: r.time_from_s, timeTo: r.time_to_s },
    label: rowLabel(r),
  }));
  return cover(spans, seg.from, seg.to, { ...NO_PRICES, price_id: null, unpriced_reason: 'no price in effect at this time' }, sameLabel);
}

const MODEL_STRUCT = `model VARCHAR, version INTEGER, effective_from TIMESTAMPTZ, effective_to TIMESTAMPTZ, time_from_us BIGINT, time_to_us BIGINT,
  price_id VARCHAR, source VARCHAR, provider VARCHAR, price_model VARCHAR, matched_by VARCHAR, input_mtok DOUBLE, cached_input_mtok DOUBLE,
  output_mtok DOUBLE, request_usd DOUBLE, tier_threshold_tokens BIGINT, tier_input_mtok DOUBLE, tier_cached_input_mtok DOUBLE,
  tier_output_mtok DOUBLE, unpriced_reason VARCHAR`;
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
        modelRows.push({
          model, version: seg.version, effective_from: tsText(p.from, '-infinity'), effective_to: tsText(p.to, 'infinity'),
          time_from_us: p.timeFrom * 1e6, time_to_us: p.timeTo * 1e6, source: res?.entry.source ?? null, provider: res?.entry.provider ?? null,
          price_model: res?.entry.model ?? null, matched_by: res ? `${res.matched_by}${res.normalised_id ? ` (as ${res.normalised_id})` : ''}` : null, ...p.label,
        });
      }
    }
    for (const { tenant_id, model } of pairs) {
      const terms = seg.tenants[tenant_id];
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


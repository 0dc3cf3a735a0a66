import type { Warehouse } from '../warehouse.ts';
import { catalogueFromRows, catalogueRows, priceId, type Catalogue } from './catalogue.ts';
import type { CostConfig } from './config.ts';
import { insertJson } from './insertJson.ts';
import { formatMatchRule, type MatchRule } from './matchRule.ts';
import type { Segment } from './pricingTables.ts';
import type { PriceRow, ProviderRow } from './priceFile.ts';

/** What one load of prices is made of: the catalogue, the tenants' terms, the extra providers, and its hash. */
export interface PriceInputs {
  catalogue: Catalogue;
  tenants: CostConfig['tenants'];
  fallbackProviders: string[];
  hash: string;
}

export interface VersionRow {
  version: number;
  status: 'active' | 'superseded' | 'pending' | 'discarded';
  applies_from: string | null;
  applies_to: string | null;
  content_hash: string;
}

const PRICE_STRUCT = `version INTEGER, price_id VARCHAR, source VARCHAR, position INTEGER, provider VARCHAR, model VARCHAR, match VARCHAR,
  effective_from TIMESTAMPTZ, effective_to TIMESTAMPTZ, time_from INTEGER, time_to INTEGER, input_mtok DOUBLE, cached_input_mtok DOUBLE,
  output_mtok DOUBLE, request_usd DOUBLE, tier_threshold_tokens BIGINT, tier_input_mtok DOUBLE, tier_cached_input_mtok DOUBLE,
  tier_output_mtok DOUBLE, file VARCHAR, line BIGINT`;
const PROVIDER_STRUCT = 'version INTEGER, position INTEGER, provider VARCHAR, name VARCHAR, model_match VARCHAR, provider_match VARCHAR, fallback_providers VARCHAR[], pricing_url VARCHAR';

/** Stores a version's rows (prices, providers) with the given status; returns its number. */
export async function storeVersion(wh: Warehouse, inputs: PriceInputs, status: 'active' | 'pending', runId: string): Promise<number> {
  const next = await wh.one<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM price_versions');
  const version = next!.v;
  const cat = inputs.catalogue;
  await wh.run(
    `INSERT INTO price_versions (version, status, content_hash, shipped_source, shipped_hash, user_file, user_hash, tenant_terms,
       fallback_providers, created_by_run)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST(CAST($9 AS JSON) AS VARCHAR[]), $10)`,
    [version, status, inputs.hash, cat.shippedSource, cat.shippedHash, cat.userFile, cat.userHash, JSON.stringify(inputs.tenants), JSON.stringify(inputs.fallbackProviders), runId],
  );
  const rows = catalogueRows(cat).map((r, position) => {
    const { source, provider, model, effective_from, effective_to, file, line, match_text: _text, match, time_from_s, time_to_s, ...values } = r;
    return {
      version, price_id: priceId(r), source, position, provider, model, match: JSON.stringify(match), effective_from, effective_to,
      time_from: time_from_s, time_to: time_to_s, file, line, ...values,
    };
  });
  await insertJson(wh, 'prices', PRICE_STRUCT, rows);
  await insertJson(wh, 'price_providers', PROVIDER_STRUCT, cat.providers.map((p, position) => ({
    version, position, provider: p.provider, name: p.name, model_match: p.model_match ? JSON.stringify(p.model_match) : null,
    provider_match: p.provider_match ? JSON.stringify(p.provider_match) : null, fallback_providers: p.fallback_providers, pricing_url: p.pricing_url,
  })));
  return version;
}

export async function versions(wh: Warehouse, status: VersionRow['status']): Promise<VersionRow[]> {
  return wh.all<VersionRow>(
    `SELECT version, status, applies_from, applies_to, content_hash FROM price_versions WHERE status = $1
     ORDER BY applies_from NULLS FIRST, version`,
    [status],
  );
}

interface StoredPriceRow extends Omit<PriceRow, 'match' | 'match_text' | 'time_from_s' | 'time_to_s'> {
  match: string;
  time_from: number;
  time_to: number;
}

const ms = (iso: string | null, open: number) => (iso === null ? open : Date.parse(iso));

/** The chain segments of the given versions, rebuilt from what the warehouse stored (never from today's files). */
export async function segmentsOf(wh: Warehouse, rows: VersionRow[]): Promise<Segment[]> {
  const out: Segment[] = [];
  for (const v of rows) {
    const meta = await wh.one<{ shipped_source: string | null; shipped_hash: string; user_file: string | null; user_hash: string | null; tenant_terms: string; fallback_providers: string[] }>(
      'SELECT shipped_source, shipped_hash, user_file, user_hash, CAST(tenant_terms AS VARCHAR) AS tenant_terms, fallback_providers FROM price_versions WHERE version = $1',
      [v.version],
    );
    const prices = await wh.all<StoredPriceRow>('SELECT * EXCLUDE (version, price_id, position) FROM prices WHERE version = $1 ORDER BY position', [v.version]);
    const providers = await wh.all<{ provider: string; name: string; model_match: string | null; provider_match: string | null; fallback_providers: string[]; pricing_url: string | null }>(
      'SELECT provider, name, model_match, provider_match, fallback_providers, pricing_url FROM price_providers WHERE version = $1 ORDER BY position',
      [v.version],
    );
    const priceRows: PriceRow[] = prices.map(({ match, time_from, time_to, ...r }) => {
      const rule = JSON.parse(match) as MatchRule;
      return { ...r, match: rule, match_text: formatMatchRule(rule), time_from_s: time_from, time_to_s: time_to };
    });
    const rule = (json: string | null) => (json ? (JSON.parse(json) as MatchRule) : null);
    const providerRows: ProviderRow[] = providers.map((p) => ({ ...p, model_match: rule(p.model_match), provider_match: rule(p.provider_match) }));
    out.push({
      version: v.version,
      from: ms(v.applies_from, -Infinity),
      to: ms(v.applies_to, Infinity),
      catalogue: catalogueFromRows(priceRows, providerRows, {
        shippedSource: meta!.shipped_source, shippedHash: meta!.shipped_hash, userFile: meta!.user_file, userHash: meta!.user_hash,
      }),
      tenants: JSON.parse(meta!.tenant_terms) as CostConfig['tenants'],
      fallbackProviders: meta!.fallback_providers,
    });
  }
  return out;
}

export interface ChangeSummary {
  records_repriced: number;
  old_cost_usd: number;
  new_cost_usd: number;
}

/**
 * Makes `version` the active one from `from` on (ms; -Infinity = all history): active versions that start
 * at or after it are superseded, the one running across it now ends there, and every other pending
 * version is discarded.
 */
export async function activate(wh: Warehouse, version: number, from: number, change: string, runId: string, summary: ChangeSummary): Promise<void> {
  const at = Number.isFinite(from) ? new Date(from).toISOString() : '-infinity';
  await wh.run(`UPDATE price_versions SET status = 'superseded' WHERE status = 'active' AND coalesce(applies_from, '-infinity'::TIMESTAMPTZ) >= CAST($1 AS TIMESTAMPTZ)`, [at]);
  await wh.run(`UPDATE price_versions SET applies_to = CAST($1 AS TIMESTAMPTZ) WHERE status = 'active' AND coalesce(applies_to, 'infinity'::TIMESTAMPTZ) > CAST($1 AS TIMESTAMPTZ)`, [at]);
  await wh.run(
    `UPDATE price_versions SET status = 'active', applies_from = CASE WHEN $2 = '-infinity' THEN NULL ELSE CAST($2 AS TIMESTAMPTZ) END,
       applies_to = NULL, activated_at = now(), activated_by_run = $3, change = $4, records_repriced = $5, old_cost_usd = $6, new_cost_usd = $7
     WHERE version = $1`,
    [version, at, runId, change, summary.records_repriced, summary.old_cost_usd, summary.new_cost_usd],
  );
  await wh.run(`UPDATE price_versions SET status = 'discarded' WHERE status = 'pending'`);
}

/** The pending version with this content, or a new one (older pending versions of other content are discarded). */
export async function pendingVersion(wh: Warehouse, inputs: PriceInputs, runId: string): Promise<number> {
  const same = (await versions(wh, 'pending')).find((v) => v.content_hash === inputs.hash);
  if (same) return same.version;
  await wh.run(`UPDATE price_versions SET status = 'discarded' WHERE status = 'pending'`);
  return storeVersion(wh, inputs, 'pending', runId);
}

export async function discardPending(wh: Warehouse): Promise<void> {
  await wh.run(`UPDATE price_versions SET status = 'discarded' WHERE status = 'pending'`);
}

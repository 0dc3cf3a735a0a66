import type { TenantTerm } from './config.ts';
import type { Span } from './periods.ts';

/** What a tenant's negotiated term does to one model: a discount on the list price, or its own prices. */
export interface TenantPrice {
  /** The config key that decided it, e.g. cost.tenants.acme.models.gpt-4o. */
  rule: string;
  discount: number | null;
  input_mtok: number | null;
  cached_input_mtok: number | null;
  output_mtok: number | null;
  request_usd: number | null;
}

export const sameTenantPrice = (a: TenantPrice, b: TenantPrice) => JSON.stringify(a) === JSON.stringify(b);

export function termList(value: TenantTerm | TenantTerm[]): TenantTerm[] {
  return Array.isArray(value) ? value : [value];
}

const day = (d: string | undefined, open: number) => (d ? Date.parse(`${d}T00:00:00Z`) : open);

/**
 * The tenant's overrides for one logged model id, as time spans. Within a term the most specific
 * rule wins: the model (by logged id or by price-table model), then its provider, then the tenant-wide
 * discount. A discount needs a list price; absolute prices also price a model the table does not know.
 */
export function tenantSpans(
  tenant: string,
  value: TenantTerm | TenantTerm[],
  modelId: string,
  entry: { provider: string; model: string } | null,
): { span: Span; label: TenantPrice }[] {
  const id = modelId.toLowerCase().trim();
  const terms = termList(value);
  const out: { span: Span; label: TenantPrice }[] = [];
  terms.forEach((term, i) => {
    const base = `cost.tenants.${tenant}${Array.isArray(value) ? `.${i}` : ''}`;
    const none = { discount: null, input_mtok: null, cached_input_mtok: null, output_mtok: null, request_usd: null };
    const modelKey = Object.keys(term.models).find((k) => k.toLowerCase() === id || (entry !== null && k.toLowerCase() === entry.model.toLowerCase()));
    let label: TenantPrice | null = null;
    if (modelKey !== undefined) {
      const m = term.models[modelKey];
      if (m.discount !== undefined) label = entry ? { ...none, rule: `${base}.models.${modelKey}`, discount: m.discount } : null;
      else label = { ...none, rule: `${base}.models.${modelKey}`, input_mtok: m.input_mtok!, cached_input_mtok: m.cached_input_mtok ?? m.input_mtok!, output_mtok: m.output_mtok!, request_usd: m.request_usd ?? 0 };
    } else if (entry && Object.hasOwn(term.providers, entry.provider)) {
      label = { ...none, rule: `${base}.providers.${entry.provider}`, discount: term.providers[entry.provider].discount };
    } else if (entry && term.discount !== undefined) {
      label = { ...none, rule: `${base}.discount`, discount: term.discount };
    }
    if (label) out.push({ span: { from: day(term.from, -Infinity), to: day(term.to, Infinity), timeFrom: 0, timeTo: 86_400 }, label });
  });
  return out;
}

import type { Catalogue, PriceEntry } from './catalogue.ts';
import type { ProviderRow } from './priceFile.ts';
import { matches, normaliseDatedId } from './matchRule.ts';

export interface Resolution {
  entry: PriceEntry;
  /** How the entry was found, recorded with the price so an analyst sees why a model got its price. */
  matched_by: 'user_file' | 'provider' | 'provider_fallback' | 'provider_prefix' | 'configured_provider';
  /** The id the entry matched when it is not the logged one: a dated suffix normalised, a provider prefix taken off. */
  normalised_id: string | null;
}

function firstMatch(list: readonly PriceEntry[] | undefined, id: string): PriceEntry | undefined {
  return list?.find((e) => matches(e.match, id));
}

const idsOf = (modelId: string) => {
  const id = modelId.toLowerCase().trim();
  const normalised = normaliseDatedId(id);
  return { id, ids: normalised === id ? [id] : [id, normalised] };
};

/** A provider and its fallback providers, tried on each id in turn (genai-prices' order). */
function inProvider(cat: Catalogue, provider: ProviderRow, ids: string[]): { entry: PriceEntry; via: string; used: string } | null {
  for (const used of ids) {
    const direct = firstMatch(cat.shipped.get(provider.provider), used);
    if (direct) return { entry: direct, via: provider.provider, used };
    for (const fb of provider.fallback_providers) {
      const viaFallback = firstMatch(cat.shipped.get(fb), used);
      if (viaFallback) return { entry: viaFallback, via: fb, used };
    }
  }
  return null;
}

/** The provider a `provider/model` prefix names: by its id, else by its provider_match (`bedrock` → aws), as genai-prices finds a provider id. */
function prefixProvider(cat: Catalogue, prefix: string): ProviderRow | undefined {
  return cat.providers.find((p) => p.provider === prefix) ?? cat.providers.find((p) => p.provider_match && matches(p.provider_match, prefix));
}

/**
 * The shipped price entry for one logged model id, with genai-prices' rules: the first provider whose
 * model_match claims the id, the first of its models whose match matches, then that provider's fallback
 * providers; each step tried again with a dated suffix normalised (-20250514 → -2025-05-14). Then, for an id
 * written `provider/model` as gateways and routers log them (`openai/gpt-4o`, `azure/gpt-4o`,
 * `bedrock/anthropic.claude-…`, `groq/llama-…`), the model in the provider the prefix names — genai-prices'
 * rule for LiteLLM's ids. Last, the providers listed in cost.fallback_providers (hosts genai-prices only
 * finds when told the provider: groq for `llama-3.3-70b-versatile`, aws for Bedrock's
 * `anthropic.claude-…-v1:0`, which Anthropic claims but does not price). Null: no shipped entry.
 */
function resolveShipped(cat: Catalogue, modelId: string, fallbackProviders: readonly string[]): Resolution | null {
  const { id, ids } = idsOf(modelId);
  const claimer = cat.providers.find((p) => p.model_match && matches(p.model_match, id));
  const claimed = claimer ? inProvider(cat, claimer, ids) : null;
  if (claimer && claimed) return { entry: claimed.entry, matched_by: claimed.via === claimer.provider ? 'provider' : 'provider_fallback', normalised_id: claimed.used === id ? null : claimed.used };
  const slash = id.indexOf('/');
  const named = slash > 0 && slash < id.length - 1 ? prefixProvider(cat, id.slice(0, slash)) : undefined;
  const prefixed = named ? inProvider(cat, named, idsOf(id.slice(slash + 1)).ids) : null;
  if (prefixed) return { entry: prefixed.entry, matched_by: 'provider_prefix', normalised_id: prefixed.used };
  for (const name of fallbackProviders) {
    for (const used of ids) {
      const entry = firstMatch(cat.shipped.get(name), used);
      if (entry) return { entry, matched_by: 'configured_provider', normalised_id: used === id ? null : used };
    }
  }
  return null;
}

/**
 * Every price entry that can price one logged model id, in precedence order: each of the user's entries
 * that matches (in file order), then the shipped one. A user's entry prices only the periods its rows
 * cover (a negotiated price from a date on, a promo that ends): outside them the next entry's price is
 * in force, so a dated override never leaves earlier records without a price.
 */
export function resolveChain(cat: Catalogue, modelId: string, fallbackProviders: readonly string[] = []): Resolution[] {
  const { id, ids } = idsOf(modelId);
  const user: Resolution[] = [];
  for (const candidate of ids) {
    for (const entry of cat.user) {
      if (matches(entry.match, candidate) && !user.some((r) => r.entry === entry)) user.push({ entry, matched_by: 'user_file', normalised_id: candidate === id ? null : candidate });
    }
  }
  const shipped = resolveShipped(cat, modelId, fallbackProviders);
  return shipped ? [...user, shipped] : user;
}

/** The entry that claims one logged model id first (the user's file before the shipped table); null: unpriced. */
export function resolveModel(cat: Catalogue, modelId: string, fallbackProviders: readonly string[] = []): Resolution | null {
  return resolveChain(cat, modelId, fallbackProviders)[0] ?? null;
}

import type { Catalogue, PriceEntry } from './catalogue.ts';
import { matches, normaliseDatedId } from './matchRule.ts';

export interface Resolution {
  entry: PriceEntry;
  /** How the entry was found, recorded with the price so an analyst sees why a model got its price. */
  matched_by: 'user_file' | 'provider' | 'provider_fallback' | 'configured_provider';
  /** The id after genai-prices' dated-suffix normalisation, when that was needed. */
  normalised_id: string | null;
}

function firstMatch(list: readonly PriceEntry[] | undefined, id: string): PriceEntry | undefined {
  return list?.find((e) => matches(e.match, id));
}

/**
 * The price entry for one logged model id, with genai-prices' rules: the user's file first (in file
 * order); then the first provider whose model_match claims the id, the first of its models whose
 * match matches, then that provider's fallback providers; each step tried again with a dated suffix
 * normalised (-20250514 → -2025-05-14). Ids no provider claims are tried against the providers
 * listed in cost.fallback_providers (hosts of open models that genai-prices only finds when told the
 * provider). Null: no price entry, the model is unpriced.
 */
export function resolveModel(cat: Catalogue, modelId: string, fallbackProviders: readonly string[] = []): Resolution | null {
  const id = modelId.toLowerCase().trim();
  const normalised = normaliseDatedId(id);
  const ids = normalised === id ? [id] : [id, normalised];
  const found = (entry: PriceEntry | undefined, how: Resolution['matched_by'], used: string): Resolution | null =>
    entry ? { entry, matched_by: how, normalised_id: used === id ? null : used } : null;

  for (const candidate of ids) {
    const r = found(firstMatch(cat.user, candidate), 'user_file', candidate);
    if (r) return r;
  }
  const provider = cat.providers.find((p) => p.model_match && matches(p.model_match, id));
  if (provider) {
    for (const candidate of ids) {
      const direct = found(firstMatch(cat.shipped.get(provider.provider), candidate), 'provider', candidate);
      if (direct) return direct;
      for (const fb of provider.fallback_providers) {
        const viaFallback = found(firstMatch(cat.shipped.get(fb), candidate), 'provider_fallback', candidate);
        if (viaFallback) return viaFallback;
      }
    }
    return null;
  }
  for (const name of fallbackProviders) {
    for (const candidate of ids) {
      const r = found(firstMatch(cat.shipped.get(name), candidate), 'configured_provider', candidate);
      if (r) return r;
    }
  }
  return null;
}

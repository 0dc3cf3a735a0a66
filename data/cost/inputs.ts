import { resolve } from 'node:path';
import { AssayError } from '../errors.ts';
import type { Warehouse } from '../warehouse.ts';
import { contentHash, loadCatalogue } from './catalogue.ts';
import type { CostConfig } from './config.ts';
import type { PriceInputs } from './versionStore.ts';

/** Reads the shipped table, the user's price file (relative to the config's directory) and the tenants' terms. */
export async function loadPriceInputs(wh: Warehouse, cfg: CostConfig, baseDir: string): Promise<PriceInputs> {
  const catalogue = await loadCatalogue(wh, cfg.prices_file ? resolve(baseDir, cfg.prices_file) : null);
  cfg.fallback_providers.forEach((p, i) => {
    if (!catalogue.shipped.has(p)) {
      throw new AssayError('ASSAY_ERR_CONFIG', `cost.fallback_providers.${i}: unknown provider '${p}' (data/prices/providers.csv lists ${[...catalogue.shipped.keys()].join(', ')})`, {
        key: `cost.fallback_providers.${i}`,
      });
    }
  });
  return { catalogue, tenants: cfg.tenants, fallbackProviders: cfg.fallback_providers, hash: contentHash(catalogue, cfg.tenants, cfg.fallback_providers) };
}

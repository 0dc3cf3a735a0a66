import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DATA_DIR } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';
import { readPriceFile, readProviderFile, type PriceFile, type PriceRow, type ProviderRow } from './priceFile.ts';
import type { MatchRule } from './matchRule.ts';

/** The shipped price table, generated from @pydantic/genai-prices by `npm run prices`. */
export const SHIPPED_PRICES = join(DATA_DIR, 'prices', 'prices.csv');
export const SHIPPED_PROVIDERS = join(DATA_DIR, 'prices', 'providers.csv');

/** One priced model of a provider (or of the user's file): its match rule and its dated price rows. */
export interface PriceEntry {
  source: 'shipped' | 'user';
  provider: string;
  model: string;
  match: MatchRule;
  rows: PriceRow[];
}

/** Everything a price version is made of; the content hash tells whether two loads differ. */
export interface Catalogue {
  providers: ProviderRow[];
  /** Shipped entries per provider, in file order (first match wins, as in genai-prices). */
  shipped: Map<string, PriceEntry[]>;
  /** The user's entries, in file order; they are tried before any shipped entry. */
  user: PriceEntry[];
  shippedSource: string | null;
  shippedHash: string;
  userFile: string | null;
  userHash: string | null;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function entries(rows: PriceRow[]): PriceEntry[] {
  const byKey = new Map<string, PriceEntry>();
  for (const r of rows) {
    const key = `${r.provider}\u0000${r.model}`;
    const e = byKey.get(key);
    if (e) e.rows.push(r);
    else byKey.set(key, { source: r.source, provider: r.provider, model: r.model, match: r.match, rows: [r] });
  }
  return [...byKey.values()];
}

/** A catalogue from price rows (shipped and user, in file order) and provider rows. */
export function catalogueFromRows(rows: PriceRow[], providers: ProviderRow[], meta: Pick<Catalogue, 'shippedSource' | 'shippedHash' | 'userFile' | 'userHash'>): Catalogue {
  const shipped = new Map<string, PriceEntry[]>();
  for (const e of entries(rows.filter((r) => r.source === 'shipped'))) shipped.set(e.provider, [...(shipped.get(e.provider) ?? []), e]);
  return { providers, shipped, user: entries(rows.filter((r) => r.source === 'user')), ...meta };
}

export function buildCatalogue(prices: PriceFile<PriceRow>, providers: PriceFile<ProviderRow>, user: PriceFile<PriceRow> | null): Catalogue {
  return catalogueFromRows([...(user?.rows ?? []), ...prices.rows], providers.rows, {
    shippedSource: prices.source,
    shippedHash: sha(providers.text + prices.text),
    userFile: user?.file ?? null,
    userHash: user ? sha(user.text) : null,
  });
}

/** All rows of a catalogue in match order: the user's first, then shipped by provider. */
export function catalogueRows(cat: Catalogue): PriceRow[] {
  return [...cat.user, ...[...cat.shipped.values()].flat()].flatMap((e) => e.rows);
}

/** Reads and validates the shipped table and, when given, the user's price file (an absolute path). */
export async function loadCatalogue(wh: Warehouse, userFile: string | null): Promise<Catalogue> {
  const [prices, providers] = [await readPriceFile(wh, SHIPPED_PRICES, 'shipped'), await readProviderFile(wh, SHIPPED_PROVIDERS)];
  return buildCatalogue(prices, providers, userFile ? await readPriceFile(wh, userFile, 'user') : null);
}

/** A stable, readable id of one price row: `openai/o3@2025-06-10`, `user:user/acme-ft`, `deepseek/deepseek-chat@T00:30`. */
export function priceId(r: Pick<PriceRow, 'source' | 'provider' | 'model' | 'effective_from' | 'time_from_s' | 'time_to_s'>): string {
  const from = r.effective_from ? `@${r.effective_from.endsWith('T00:00:00.000Z') ? r.effective_from.slice(0, 10) : r.effective_from}` : '';
  const whole = r.time_from_s === 0 && r.time_to_s === 86_400;
  const time = whole ? '' : `${from ? '' : '@'}T${new Date(r.time_from_s * 1000).toISOString().slice(11, 16)}`;
  return `${r.source === 'user' ? 'user:' : ''}${r.provider}/${r.model}${from}${time}`;
}

/** Hash of what decides prices: both files, the tenant terms and the providers tried for unclaimed ids. */
export function contentHash(cat: Catalogue, tenantTerms: unknown, fallbackProviders: readonly string[]): string {
  return sha(JSON.stringify([cat.shippedHash, cat.userHash, tenantTerms, fallbackProviders]));
}

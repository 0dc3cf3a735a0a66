/**
 * `npm run prices`: regenerates data/prices/providers.csv and data/prices/prices.csv from the installed
 * @pydantic/genai-prices package, keeping its semantics: provider order and model order (first match
 * wins), match rules verbatim, and its conditional prices (start dates, UTC time-of-day windows) turned
 * into disjoint rows with effective_from / effective_to and time_from / time_to. Only the units Assay
 * records are kept: input, cache-read, output tokens (with their >N-input-token tiers) and per-request fees.
 */
import { waitForUpdate, type ModelPrice, type Provider } from '@pydantic/genai-prices';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMatchRule, type MatchRule } from '../cost/matchRule.ts';
import { partition, type Piece } from '../cost/periods.ts';
import { PRICE_COLUMNS, PROVIDER_COLUMNS, type PriceValues } from '../cost/priceFile.ts';

const DIR = dirname(fileURLToPath(import.meta.url));
const DAY_MS = 86_400_000;

type Tiered = { base: number; tiers: { start: number; price: number }[] };
type Conditional = { constraint?: { type?: string; start_date?: string; start_time?: string; end_time?: string }; prices: ModelPrice };

function packageVersion(): string {
  const main = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
  return (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Seconds after UTC midnight of genai-prices' 'HH:MM:SS[.f](Z|±HH:MM)' time-of-day bounds. */
function secondsOfDay(text: string): number {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) throw new Error(`unexpected time of day '${text}'`);
  const local = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(`0.${m[4] ?? ''}`);
  const offset = m[5] === 'Z' ? 0 : (m[6] === '+' ? 1 : -1) * (Number(m[7]) * 60 + Number(m[8])) * 60;
  return (local - offset + 86_400) % 86_400;
}

/** genai-prices' choice among conditional prices at time t: scan from the last, first that applies wins. */
function priceAt(list: Conditional[], t: Date): ModelPrice {
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i].constraint;
    if (!c) return list[i].prices;
    if (c.type === 'start_date' || (c.start_date && !c.start_time)) {
      if (t >= new Date(c.start_date!)) return list[i].prices;
    } else {
      const s = t.getUTCHours() * 3600 + t.getUTCMinutes() * 60 + t.getUTCSeconds() + t.getUTCMilliseconds() / 1000;
      const from = secondsOfDay(c.start_time!);
      const to = secondsOfDay(c.end_time!);
      if (to < from ? s >= from || s < to : s >= from && s < to) return list[i].prices;
    }
  }
  return list[0].prices;
}

/**
 * The part of a genai-prices price that Assay can apply to its records. An empty price is a free model
 * (genai-prices prices it at 0); one priced only in other units (audio hours, images) stays unpriced.
 */
function project(p: ModelPrice): PriceValues {
  if (Object.values(p).every((v) => v === undefined)) p = { input_mtok: 0, output_mtok: 0 };
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : v && typeof v === 'object' ? (v as Tiered).base : null);
  const tierOf = (v: unknown) => (v && typeof v === 'object' ? (v as Tiered).tiers : []);
  const keys = ['input_mtok', 'cache_read_mtok', 'output_mtok'] as const;
  const tiers = keys.flatMap((k) => tierOf(p[k]).map((t) => ({ k, ...t })));
  const starts = [...new Set(tiers.map((t) => t.start))];
  if (starts.length > 1) throw new Error(`price with several tier thresholds (${starts.join(', ')}): extend the tier columns`);
  const tierPrice = (k: (typeof keys)[number]) => tiers.find((t) => t.k === k)?.price ?? num(p[k]);
  const requests = num(p.requests_kcount);
  return {
    input_mtok: num(p.input_mtok),
    cached_input_mtok: num(p.cache_read_mtok),
    output_mtok: num(p.output_mtok),
    request_usd: requests === null ? null : requests / 1000,
    tier_threshold_tokens: starts[0] ?? null,
    tier_input_mtok: starts.length ? tierPrice('input_mtok') : null,
    tier_cached_input_mtok: starts.length ? tierPrice('cache_read_mtok') : null,
    tier_output_mtok: starts.length ? tierPrice('output_mtok') : null,
  };
}

/** Disjoint pieces (date range × UTC time-of-day window) with the price genai-prices applies in each. */
export function periodsOf(prices: ModelPrice | Conditional[]): Piece<PriceValues>[] {
  const list: Conditional[] = Array.isArray(prices) ? prices : [{ prices }];
  const dates = list.flatMap((c) => (c.constraint?.start_date ? [Date.parse(`${c.constraint.start_date}T00:00:00Z`)] : []));
  const cuts = list.flatMap((c) => (c.constraint?.start_time ? [secondsOfDay(c.constraint.start_time), secondsOfDay(c.constraint.end_time!)] : []));
  const firstDay = (dates.length ? Math.min(...dates) : Date.UTC(2000, 0, 2)) - DAY_MS;
  return partition(
    [-Infinity, Infinity, ...dates],
    cuts,
    (from, _to, t0, t1) => project(priceAt(list, new Date((Number.isFinite(from) ? from : firstDay) + ((t0 + t1) / 2) * 1000))),
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
}

const isoDate = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '');
const clock = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(header: string, columns: readonly string[], rows: Record<string, unknown>[]): string {
  return [header, columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export async function generate(generatedOn = new Date().toISOString().slice(0, 10)): Promise<{ providers: number; rows: number }> {
  const providers = (await waitForUpdate()) as Provider[];
  const header = `# source: @pydantic/genai-prices ${packageVersion()}; generated: ${generatedOn}; by: npm run prices (data/prices/generate.ts). Do not edit: put your own prices in the file named by cost.prices_file.`;
  const providerRows = providers.map((p) => ({
    provider: p.id,
    name: p.name,
    model_match: p.model_match ? formatMatchRule(p.model_match as MatchRule) : '',
    provider_match: p.provider_match ? formatMatchRule(p.provider_match as MatchRule) : '',
    fallback_providers: (p.fallback_model_providers ?? []).join(' '),
    pricing_url: p.pricing_urls?.[0] ?? '',
  }));
  const priceRows = providers.flatMap((p) =>
    p.models.flatMap((m) =>
      periodsOf(m.prices as ModelPrice | Conditional[]).map((period) => ({
        provider: p.id,
        model: m.id,
        match: formatMatchRule(m.match as MatchRule),
        effective_from: isoDate(period.from),
        effective_to: isoDate(period.to),
        time_from: period.timeFrom === 0 && period.timeTo === 86_400 ? '' : clock(period.timeFrom),
        time_to: period.timeFrom === 0 && period.timeTo === 86_400 ? '' : period.timeTo === 86_400 ? '24:00:00' : clock(period.timeTo),
        ...period.label,
      })),
    ),
  );
  writeFileSync(join(DIR, 'providers.csv'), csv(header, PROVIDER_COLUMNS, providerRows));
  writeFileSync(join(DIR, 'prices.csv'), csv(header, PRICE_COLUMNS, priceRows));
  return { providers: providerRows.length, rows: priceRows.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await generate();
  console.error(`data/prices: ${r.providers} providers, ${r.rows} price rows`);
}

import { z } from 'zod';

/**
 * How a price entry claims model ids: @pydantic/genai-prices' MatchLogic, with its semantics kept
 * exactly (equals / starts_with / ends_with / contains compare case-insensitively; regex is a
 * JavaScript RegExp tested against the lower-cased id; or / and combine).
 */
export type MatchRule =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchRule[] }
  | { and: MatchRule[] };

export const OPERATORS = ['equals', 'starts_with', 'ends_with', 'contains', 'regex'] as const;

const validRegex = z.string().min(1).refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid JavaScript regular expression');

export const matchRule: z.ZodType<MatchRule> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string().min(1) }).strict(),
    z.object({ starts_with: z.string().min(1) }).strict(),
    z.object({ ends_with: z.string().min(1) }).strict(),
    z.object({ contains: z.string().min(1) }).strict(),
    z.object({ regex: validRegex }).strict(),
    z.object({ or: z.array(matchRule).min(1) }).strict(),
    z.object({ and: z.array(matchRule).min(1) }).strict(),
  ]),
);

/** Whether `modelId` (already lower-cased and trimmed) satisfies the rule — genai-prices' matchLogic. */
export function matches(rule: MatchRule, modelId: string): boolean {
  if ('or' in rule) return rule.or.some((r) => matches(r, modelId));
  if ('and' in rule) return rule.and.every((r) => matches(r, modelId));
  if ('equals' in rule) return modelId === rule.equals.toLowerCase();
  if ('starts_with' in rule) return modelId.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return modelId.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return modelId.includes(rule.contains.toLowerCase());
  return new RegExp(rule.regex).test(modelId);
}

/**
 * The text of a rule in a price file cell: `op:value` for a single operator (`equals:gpt-4o`,
 * `starts_with:acme-ft-`, `regex:^o[134]`), the MatchLogic JSON for compound rules.
 */
export function formatMatchRule(rule: MatchRule): string {
  const [op, value] = Object.entries(rule)[0] as [string, unknown];
  return typeof value === 'string' ? `${op}:${value}` : JSON.stringify(rule);
}

/** Parses a price file cell back into a rule; an empty cell means "equals the model column". */
export function parseMatchRule(text: string | null | undefined, model: string): { rule?: MatchRule; error?: string } {
  const cell = (text ?? '').trim();
  if (cell === '') return { rule: { equals: model } };
  let raw: unknown;
  if (cell.startsWith('{')) {
    try {
      raw = JSON.parse(cell);
    } catch (e) {
      return { error: `not valid JSON (${(e as Error).message})` };
    }
  } else {
    const colon = cell.indexOf(':');
    const op = colon > 0 ? cell.slice(0, colon) : '';
    if (!(OPERATORS as readonly string[]).includes(op)) {
      return { error: `expected ${OPERATORS.map((o) => `${o}:…`).join(', ')} or a MatchLogic JSON object, got '${cell}'` };
    }
    raw = { [op]: cell.slice(colon + 1) };
  }
  const parsed = matchRule.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ') };
  return { rule: parsed.data };
}

const DATED_SUFFIX = /(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/**
 * genai-prices' second chance for dated ids: `-20250514` becomes `-2025-05-14` (only for real
 * calendar dates), so `claude-sonnet-4-20250514` can match an entry listing `claude-sonnet-4-2025-05-14`.
 */
export function normaliseDatedId(modelId: string): string {
  return modelId.replace(DATED_SUFFIX, (whole, dash: string, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
    return real ? `${dash}${y}-${m}-${d}` : whole;
  });
}

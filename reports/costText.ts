import type { Row } from './defineSection.ts';
import { usdChange } from './format.ts';

/** A cost_change_week row (or the total of its tenant rows). */
export interface ChangeRow extends Row {
  scope?: string;
  scope_id?: string;
  prev_week: string;
  prev_est_cost_usd: number | null;
  est_cost_usd: number | null;
  delta_usd: number;
  cost_change: number | null;
  volume_effect_usd: number;
  mix_effect_usd: number;
  tokens_effect_usd: number;
  price_effect_usd: number;
}

export const EFFECTS = [
  { key: 'volume_effect_usd', label: 'volume', short: 'volume' },
  { key: 'mix_effect_usd', label: 'model mix', short: 'model mix' },
  { key: 'tokens_effect_usd', label: 'tokens per request', short: 'tokens' },
  { key: 'price_effect_usd', label: 'price', short: 'price' },
] as const;

/** 'mostly model mix (+$45.30)': the effect that moved the cost most, when there is a change to explain. */
export function mainEffect(r: ChangeRow): string {
  if (!r.delta_usd) return '';
  const top = EFFECTS.map((e) => ({ label: e.label, v: Number(r[e.key] ?? 0) })).sort((a, b) => Math.abs(b.v) - Math.abs(a.v))[0];
  return `mostly ${top.label} (${usdChange(top.v)})`;
}

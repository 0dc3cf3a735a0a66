/**
 * How numbers read in a report: always with their unit, at a precision a person can compare at a glance.
 * Pure functions; a missing value reads as an em dash, never as 0.
 */
export const NONE = '—';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function count(v: number | null | undefined): string {
  return missing(v) ? NONE : int.format(Math.round(v));
}

/** Estimated totals are rounded to 3 significant figures: they come from samples. */
export function estimate(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  if (Math.abs(v) < 1000) return `≈${int.format(Math.round(v))}`;
  return `≈${int.format(Number(v.toPrecision(3)))}`;
}

export function usd(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  // Below a hundredth of a cent is rounding noise of sums (a Shapley split gives 2e-14), not money.
  if (a < 0.00005) return '$0.00';
  if (a < 0.01) return `${sign}$${a.toFixed(1 - Math.floor(Math.log10(a)))}`;
  if (a < 1000) return `${sign}$${grouped(2).format(a)}`;
  return `${sign}$${int.format(Math.round(a))}`;
}

/** Signed money change: +$12.40, −$3.10. */
export function usdChange(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  if (usd(v) === '$0.00') return '±$0.00';
  return v > 0 ? `+${usd(v)}` : usd(v);
}

export function ms(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  if (Math.abs(v) >= 10_000) return `${grouped(1).format(v / 1000)} s`;
  if (Math.abs(v) >= 1000) return `${grouped(2).format(v / 1000)} s`;
  return `${int.format(Math.round(v))} ms`;
}

/** A share 0..1 as a percentage; small shares keep their first digits so 0.003% is not shown as 0%. */
export function pct(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  const p = v * 100;
  if (p !== 0 && Math.abs(p) < 0.01) return `${Number(p.toPrecision(1))}%`;
  if (p !== 0 && Math.abs(p) < 1) return `${grouped(2).format(p)}%`;
  return `${grouped(1).format(p)}%`;
}

/** A relative change (0.8 = +80%). */
export function change(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  const p = v * 100;
  const body = Math.abs(p) >= 10 ? int.format(Math.abs(p)) : grouped(1).format(Math.abs(p));
  if (body === '0' || body === '0.0') return '±0%';
  return `${p > 0 ? '+' : '−'}${body}%`;
}

/** An absolute change of a share, in percentage points (0.03 = +3.0 pp). */
export function pp(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  const p = v * 100;
  const body = grouped(Math.abs(p) < 1 ? 2 : 1).format(Math.abs(p));
  if (Number(body) === 0) return '±0 pp';
  return `${p > 0 ? '+' : '−'}${body} pp`;
}

/** A statistic without a unit (effect sizes, ratios), 3 significant figures. */
export function number(v: number | null | undefined): string {
  if (missing(v)) return NONE;
  if (Math.abs(v) >= 1000) return int.format(v);
  return String(Number(v.toPrecision(3)));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Thu 26 Nov' for a YYYY-MM-DD day. */
export function day(d: string | null | undefined): string {
  if (!d) return NONE;
  const dt = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(dt.getTime())) return d;
  return `${DAYS[dt.getUTCDay()]} ${dt.getUTCDate()} ${MONTHS[dt.getUTCMonth()]}`;
}

/** '23–29 Nov 2026' or '30 Nov – 6 Dec 2026' for an inclusive range of days. */
export function dayRange(first: string, last: string): string {
  const a = new Date(`${first}T00:00:00Z`);
  const b = new Date(`${last}T00:00:00Z`);
  const y = b.getUTCFullYear();
  if (a.getUTCFullYear() !== y) return `${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]} ${a.getUTCFullYear()} – ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${y}`;
  if (a.getUTCMonth() !== b.getUTCMonth()) return `${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]} – ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${y}`;
  return `${a.getUTCDate()}–${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${y}`;
}

export const FORMATS = { count, estimate, usd, usdChange, ms, pct, change, pp, number, day, text: (v: unknown) => (v === null || v === undefined || v === '' ? NONE : String(v)) } as const;
export type FormatName = keyof typeof FORMATS;

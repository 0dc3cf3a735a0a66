import { AssayError } from '../data/errors.ts';

/** An ISO week as the report uses it: label 'YYYY-Www', Monday start and the next Monday (exclusive), in UTC. */
export interface IsoWeek {
  week: string;
  start: string;
  /** Exclusive: the next Monday. */
  end: string;
  /** Sunday, the last day of the week. */
  last: string;
  prev: string;
}

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Monday of ISO week 1 is the Monday on or before 4 January. */
function mondayOfWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - dow * DAY_MS;
}

/** The ISO week containing a day (YYYY-MM-DD or a Date). */
export function weekOf(dayOrDate: string | Date): IsoWeek {
  const t = typeof dayOrDate === 'string' ? Date.parse(`${dayOrDate.slice(0, 10)}T00:00:00Z`) : Date.UTC(dayOrDate.getUTCFullYear(), dayOrDate.getUTCMonth(), dayOrDate.getUTCDate());
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const n = Math.floor((monday - mondayOfWeek1(year)) / (7 * DAY_MS)) + 1;
  return build(year, n, monday);
}

function build(year: number, n: number, monday: number): IsoWeek {
  const prevMonday = monday - 7 * DAY_MS;
  const prev = weekLabelFor(prevMonday);
  return { week: `${year}-W${String(n).padStart(2, '0')}`, start: iso(monday), end: iso(monday + 7 * DAY_MS), last: iso(monday + 6 * DAY_MS), prev };
}

function weekLabelFor(monday: number): string {
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const n = Math.floor((monday - mondayOfWeek1(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** Parses 'YYYY-Www' (e.g. 2026-W46); W53 only in years that have one. */
export function parseIsoWeek(label: string): IsoWeek {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) throw new AssayError('ASSAY_ERR_USAGE', `--week expects an ISO week such as 2026-W46, got '${label}'`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  const monday = mondayOfWeek1(year) + (n - 1) * 7 * DAY_MS;
  if (n < 1 || weekLabelFor(monday) !== label) throw new AssayError('ASSAY_ERR_USAGE', `${label} does not exist: ${year} has ${weekLabelFor(mondayOfWeek1(year + 1) - 7 * DAY_MS).slice(6)} ISO weeks`);
  return build(year, n, monday);
}

/** The last complete ISO week before `now` (the default report week). */
export function lastCompleteWeek(now = new Date()): IsoWeek {
  return weekOf(new Date(Date.parse(weekOf(now).start) - DAY_MS));
}

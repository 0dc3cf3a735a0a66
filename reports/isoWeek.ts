import { isoWeekLabel, isoWeekStart } from '../data/cost/isoWeek.ts';
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

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function fromMonday(start: string): IsoWeek {
  return { week: isoWeekLabel(start), start, end: addDays(start, 7), last: addDays(start, 6), prev: isoWeekLabel(addDays(start, -7)) };
}

/** The ISO week containing a day (YYYY-MM-DD). */
export function weekOf(day: string): IsoWeek {
  const dow = (new Date(`${day.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7;
  return fromMonday(addDays(day.slice(0, 10), -dow));
}

/** Parses 'YYYY-Www' (e.g. 2026-W46); W53 only in years that have one. */
export function parseIsoWeek(label: string): IsoWeek {
  if (!/^\d{4}-W\d{2}$/.test(label)) throw new AssayError('ASSAY_ERR_USAGE', `--week expects an ISO week such as 2026-W46, got '${label}'`);
  const start = isoWeekStart(label);
  if (!start) {
    const year = Number(label.slice(0, 4));
    throw new AssayError('ASSAY_ERR_USAGE', `${label} does not exist: ${year} has ${isoWeekLabel(`${year}-12-28`).slice(6)} ISO weeks`);
  }
  return fromMonday(start);
}

/** The last complete ISO week before `now` (the default report week). */
export function lastCompleteWeek(now = new Date()): IsoWeek {
  return weekOf(addDays(weekOf(now.toISOString().slice(0, 10)).start, -1));
}

/**
 * The week a report covers when none is given: the last complete ISO week before `now`, or — when the data stops
 * earlier (an export of past weeks) — the week of the latest record before its end, so a user with last month's
 * logs gets their last week rather than "no records". `latestDay` is that latest record's UTC day (null: none).
 */
export function defaultReportWeek(now: Date, latestDay: string | null): { week: IsoWeek; source: string } {
  const last = lastCompleteWeek(now);
  if (latestDay === null || latestDay >= last.start) return { week: last, source: 'the last complete week' };
  return { week: weekOf(latestDay), source: `the latest complete week with records (${last.week} has none)` };
}

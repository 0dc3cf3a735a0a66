import { z } from 'zod';

/** True when 'YYYY-MM-DD' (the first ten characters of a day or timestamp) is a day of the calendar. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A UTC day 'YYYY-MM-DD' that exists: 2026-02-30 is an error naming the key here, not a DuckDB conversion error
 * (or a silent roll-over to March) later. The one definition for config keys and job parameters.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDay, { error: (i) => `not a calendar day: '${String(i.input)}'` });

/** ISO weeks as Assay labels them ('2026-W46', Monday-based, UTC). */
const LABEL = /^(\d{4})-W(\d{2})$/;

/** Monday (YYYY-MM-DD) of an ISO week label, or null when the label is not a week of that year. */
export function isoWeekStart(label: string): string | null {
  const m = LABEL.exec(label);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000) + (week - 1) * 7 * 86_400_000;
  const start = new Date(monday).toISOString().slice(0, 10);
  return week >= 1 && isoWeekLabel(start) === label ? start : null;
}

/** The ISO week label of a date (YYYY-MM-DD). */
export function isoWeekLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

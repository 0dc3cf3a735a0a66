/**
 * Time pieces of a price: a date range (ms since epoch, ±Infinity when open) × a window of the UTC day
 * (seconds, [0, 86400) for the whole day). Prices, gaps, tenant terms and price-version segments are
 * all cut on one grid so that every instant falls in exactly one piece.
 */
export interface Piece<L> {
  from: number;
  to: number;
  timeFrom: number;
  timeTo: number;
  label: L;
}

export const DAY_S = 86_400;

export const toMs = (iso: string | null, open: number) => (iso === null ? open : Date.parse(iso));
export const toIso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/**
 * Cuts [from, to) × the day on the given date and time-of-day boundaries, labels each cell (null =
 * nothing there) and merges neighbours with equal labels: first along the day, then across dates.
 */
export function partition<L>(
  dateBounds: number[],
  timeCuts: number[],
  labelAt: (from: number, to: number, timeFrom: number, timeTo: number) => L | null,
  same: (a: L, b: L) => boolean,
): Piece<L>[] {
  const dates = [...new Set(dateBounds)].sort((a, b) => a - b);
  const cuts = [...new Set([0, DAY_S, ...timeCuts.filter((c) => c > 0 && c < DAY_S)])].sort((a, b) => a - b);
  const out: Piece<L>[] = [];
  let previous: Piece<L>[] = [];
  for (let i = 0; i + 1 < dates.length; i++) {
    const [from, to] = [dates[i], dates[i + 1]];
    const row: Piece<L>[] = [];
    for (let j = 0; j + 1 < cuts.length; j++) {
      const label = labelAt(from, to, cuts[j], cuts[j + 1]);
      const last = row[row.length - 1];
      if (label !== null && last && last.timeTo === cuts[j] && same(last.label, label)) last.timeTo = cuts[j + 1];
      else if (label !== null) row.push({ from, to, timeFrom: cuts[j], timeTo: cuts[j + 1], label });
    }
    const continues = previous.length === row.length && previous.every((p, k) => p.to === from && p.timeFrom === row[k].timeFrom && p.timeTo === row[k].timeTo && same(p.label, row[k].label));
    if (continues && row.length) for (const p of previous) p.to = to;
    else {
      out.push(...row);
      previous = row;
    }
  }
  return out;
}

export interface Span {
  from: number;
  to: number;
  timeFrom: number;
  timeTo: number;
}

export const covers = (s: Span, from: number, to: number, timeFrom: number, timeTo: number) =>
  s.from <= from && s.to >= to && s.timeFrom <= timeFrom && s.timeTo >= timeTo;

/**
 * Cuts labelled spans (disjoint) to [from, to) and fills what they leave uncovered with `gap` (so the
 * result partitions [from, to) × the whole day), or leaves it out when gap is null.
 */
export function cover<L>(spans: { span: Span; label: L }[], from: number, to: number, gap: L | null, same: (a: L, b: L) => boolean): Piece<L>[] {
  const inside = (d: number) => d > from && d < to;
  const bounds = [from, to, ...spans.flatMap((s) => [s.span.from, s.span.to]).filter(inside)];
  const cuts = spans.flatMap((s) => [s.span.timeFrom, s.span.timeTo]);
  return partition(bounds, cuts, (a, b, t0, t1) => spans.find((s) => covers(s.span, a, b, t0, t1))?.label ?? gap, same);
}

/**
 * A p-chart (Shewhart control chart for a proportion): centre line p̄ from the reference period,
 * limits p̄ ± k·√(p̄(1−p̄)/n) for a day with n observations (k = 3 by convention), clipped to [0, 1].
 */
export interface PChartPoint {
  day: string;
  n: number;
  count: number;
}

export interface PChartDay extends PChartPoint {
  rate: number;
  centre: number;
  lcl: number;
  ucl: number;
  /** (rate − p̄) / σ_day; 0 when σ is 0. */
  z: number;
  above: boolean;
}

export function pChart(centre: number, days: readonly PChartPoint[], k = 3): PChartDay[] {
  return days.map((d) => {
    const sigma = d.n > 0 ? Math.sqrt((centre * (1 - centre)) / d.n) : 0;
    const rate = d.n > 0 ? d.count / d.n : 0;
    const ucl = Math.min(1, centre + k * sigma);
    const lcl = Math.max(0, centre - k * sigma);
    return { ...d, rate, centre, lcl, ucl, z: sigma > 0 ? (rate - centre) / sigma : 0, above: d.n > 0 && rate > ucl };
  });
}

/**
 * The day a sustained rise started: the first day of the last run of consecutive days above the upper
 * limit that reaches the end of the series, or else the first day above it; null when none is.
 */
export function spikeStart(days: readonly PChartDay[]): string | null {
  const firstAbove = days.find((d) => d.above);
  if (!firstAbove) return null;
  let i = days.length - 1;
  while (i >= 0 && days[i].n === 0) i--;
  if (i < 0 || !days[i].above) return firstAbove.day;
  while (i > 0 && (days[i - 1].above || days[i - 1].n === 0)) i--;
  while (days[i].n === 0) i++;
  return days[i].day;
}

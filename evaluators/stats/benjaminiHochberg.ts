/**
 * Benjamini–Hochberg adjusted p-values (step-up, as R's p.adjust(method = "BH") and
 * scipy.stats.false_discovery_control): rejecting every adjusted p < q controls the false discovery
 * rate at q. `null` entries (tests without a p-value) stay null and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const idx = pValues.flatMap((p, i) => (p === null || Number.isNaN(p) ? [] : [i]));
  const m = idx.length;
  const out: (number | null)[] = pValues.map(() => null);
  idx.sort((a, b) => (pValues[b] as number) - (pValues[a] as number));
  let running = 1;
  idx.forEach((i, k) => {
    const rank = m - k;
    running = Math.min(running, ((pValues[i] as number) * m) / rank);
    out[i] = running;
  });
  return out;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquare } from '../../../evaluators/drift/chiSquare.ts';
import type { NumericAggregate, RateAggregate } from '../../../evaluators/drift/defineDriftTest.ts';
import { jensenShannonDistance } from '../../../evaluators/drift/jensenShannon.ts';
import { ks } from '../../../evaluators/drift/ks.ts';
import { cutBins, populationStabilityIndex, psi } from '../../../evaluators/drift/psi.ts';
import { twoProportion } from '../../../evaluators/drift/twoProportion.ts';
import { wasserstein } from '../../../evaluators/drift/wasserstein.ts';
import { loadAggregates } from '../../../evaluators/drift/aggregates.ts';
import { prepareCostSource } from '../../../evaluators/drift/costSource.ts';
import { Warehouse } from '../../../data/warehouse.ts';

const close = (actual: number, expected: number, rel: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

/** Raw samples as the latency of records in each window → the numeric aggregate DuckDB makes of them (overall segment). */
async function fromSql(cur: number[], ref: number[]): Promise<NumericAggregate> {
  const wh = await Warehouse.open(':memory:');
  try {
    await wh.run(
      `INSERT INTO records (id, ts, tenant_id, workflow, model, prompt_version, input_tokens, output_tokens, latency_ms, status, fallback, human_override, sample_rate)
       SELECT 'r' || row_number() OVER (), CAST(ts AS TIMESTAMPTZ), 't', 'w', 'm', 'v', 1, 1, v, 'ok', false, false, 1
       FROM (SELECT unnest(CAST(CAST($cur AS JSON) AS DOUBLE[])) AS v, '2026-11-03' AS ts UNION ALL SELECT unnest(CAST(CAST($ref AS JSON) AS DOUBLE[])), '2026-10-20')`,
      { cur: JSON.stringify(cur), ref: JSON.stringify(ref) },
    );
    await prepareCostSource(wh);
    const segs = await loadAggregates(wh, { current: { start: '2026-11-02', end: '2026-11-09' }, reference: { start: '2026-10-05', end: '2026-11-02' } }, { unknownCategories: ['unknown'], lowConfidenceThreshold: 0.5, psiBins: 10 });
    return segs.get('overall:all')!.numeric.get('latency_ms')!;
  } finally {
    wh.close();
  }
}

/** Park–Miller minimal standard generator: the same uniforms in any language (exact in doubles). */
function* uniforms(seed: number): Generator<number> {
  for (let s = seed; ; ) yield (s = (s * 16807) % 2147483647) / 2147483647;
}
/** Skewed, latency-like values with many distinct values (0.01 ms resolution): shift + scale·u₁·u₂. */
function sample(n: number, seed: number, scale: number, shift: number): number[] {
  const u = uniforms(seed);
  return Array.from({ length: n }, () => Math.round((shift + scale * (u.next().value as number) * (u.next().value as number)) * 100) / 100);
}

const A = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47];
const B = [2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.72];
const X = Array.from({ length: 400 }, (_, i) => ((i * 37) % 101) / 10);
const Y = Array.from({ length: 300 }, (_, i) => ((i * 53) % 97) / 10 + 0.8);

test('chi-square of the category mix matches scipy.stats.chi2_contingency(correction=False) (scipy 1.17.1)', () => {
  const r = chiSquare.compute({ kind: 'categorical', metric: 'category', categories: ['a', 'b', 'c', 'd'], cur: [100, 110, 60, 10], ref: [120, 90, 40, 30] }, {});
  close(r.statistic, 17.81818181818182, 1e-12, 'chi2');
  close(r.pValue!, 0.00047950546443421203, 1e-9, 'p');
  assert.equal(r.details?.df, 3);
});

test('Jensen–Shannon distance matches scipy.spatial.distance.jensenshannon (scipy 1.17.1), natural log and base 2', () => {
  close(jensenShannonDistance([120, 90, 40, 30], [100, 110, 60, 10]), 0.12788145613019916, 1e-12, 'base e');
  close(jensenShannonDistance([120, 90, 40, 30], [100, 110, 60, 10], 2), 0.15360128262622352, 1e-12, 'base 2');
  assert.equal(jensenShannonDistance([5, 5], [5, 5]), 0);
});

test('PSI matches Σ(c−r)·ln(c/r) computed with numpy (0.13479068921659854) and a vanished bin counts via epsilon', () => {
  close(populationStabilityIndex([100, 110, 60, 10], [120, 90, 40, 30]), 0.13479068921659854, 1e-12, 'psi');
  assert.ok(populationStabilityIndex([50, 50, 0], [40, 40, 20]) > 0.5);
  // only empty shares become 1e-4: one new answer in 50,000 (share 2e-5) is not raised to 1e-4 (numpy; clamping gave 0.04055597480687188)
  close(populationStabilityIndex([1, 19999, 30000], [0, 25000, 25000]), 0.04068472983986661, 1e-12, 'a share below epsilon');
});

test('numeric PSI bins from the cuts: (−∞, q₁], (q₁, q₂], … (q_last, ∞), equal cuts one bin', () => {
  // 100 reference values and 60 current ones; cuts at 10, 20, 20 (tied), 40, with the values of each window ≤ each
  const bins = cutBins({ bins: 5, q: [10, 20, 20, 40], cur: [6, 30, 30, 45], ref: [20, 40, 40, 80] }, { cur: 60, ref: 100 });
  assert.deepEqual(bins, { cur: [6, 24, 15, 15], ref: [20, 20, 40, 20] });
  // five bins at 0.2 vs 0.1 and five at 1e-4 vs 0.1 (empty current bins): 5·0.1·ln 2 + 5·(0.1−1e-4)·ln(0.1/1e-4)
  const q = Array.from({ length: 9 }, (_, j) => j + 1);
  const r = psi.compute({
    kind: 'numeric', metric: 'x', ecdf: { maxGap: 0, area: 0 },
    summary: { cur: { n: 100, mean: 0, std: 1, p50: null, p95: null, p99: null }, ref: { n: 100, mean: 0, std: 1, p50: null, p95: null, p99: null } },
    psiCuts: { bins: 10, q, cur: q.map((j) => Math.min(100, 20 * j)), ref: q.map((j) => 10 * j) },
  }, { bins: 10, epsilon: 1e-4 });
  close(r.statistic, 5 * 0.1 * Math.log(2) + 5 * (0.1 - 1e-4) * Math.log(1000), 1e-9, 'psi');
});

test('numeric PSI through DuckDB: bins at the reference deciles, exactly as numpy (ties, and values above the reference maximum)', async () => {
  // python: ref = ints(500, 3, 1000, 200), cur = ints(300, 7, 1000, 205) with the same generator (token counts, ties);
  // edges = numpy.unique(numpy.quantile(ref, [.1 … .9], method='inverted_cdf')); shares of
  // numpy.searchsorted(edges, x, side='left'), empty ones → 1e-4; Σ (c − r)·ln(c/r)
  const ints = (n: number, seed: number, scale: number, shift: number) => {
    const u = uniforms(seed);
    return Array.from({ length: n }, () => Math.floor(shift + scale * (u.next().value as number) * (u.next().value as number)));
  };
  const shifted = await fromSql(ints(300, 7, 1000, 205), ints(500, 3, 1000, 200));
  const r = psi.compute(shifted, { bins: 10, epsilon: 1e-4 });
  // (bins of 64 fine bins, ≈1.6% wide, gave 0.0553: cuts off the deciles)
  close(r.statistic, 0.06389106598423827, 1e-12, 'psi, deciles 219 242 278 320 377 429 513 616 746');
  assert.equal(r.details?.bins, 10);
  // 22.8% of the reference at its maximum 45 (a cap): the 80th and 90th percentiles are both 45, so 9 bins, and the
  // current values above 45 fall in (45, ∞), where the reference has none
  const capped = await fromSql(ints(300, 7, 90, 10), ints(500, 3, 90, 10).map((v) => Math.min(v, 45)));
  const c = psi.compute(capped, { bins: 10, epsilon: 1e-4 });
  close(c.statistic, 2.460834826490694, 1e-12, 'psi with tied deciles at the reference maximum');
  assert.equal(c.details?.bins, 9);
});

test('KS statistic and Wasserstein distance, computed in DuckDB from raw samples, match scipy ks_2samp and wasserstein_distance (scipy 1.17.1)', async () => {
  // latencies are never negative: the samples shifted by +3 (D, p and W do not change with a shift)
  const small = await fromSql(B.map((v) => v + 3), A.map((v) => v + 3));
  close(ks.compute(small, {}).statistic, 0.23000000000000004, 1e-12, 'D small');
  close(ks.compute(small, {}).pValue!, 0.5286364448145011, 1e-9, 'p small (exact)');
  close(small.ecdf.area, 0.6065999999999999, 1e-9, 'W small');
  // p50/p95/p99: numpy.quantile(x + 3, [.5, .95, .99]) (linear, = DuckDB quantile_cont); inverted_cdf gives 3.52, 5.31, 6.29
  [3.59, 5.359000000000001, 6.103799999999999].forEach((q, i) => close([small.summary.cur.p50, small.summary.cur.p95, small.summary.cur.p99][i]!, q, 1e-12, `cur q${i}`));
  [3.37, 4.743999999999999, 5.218399999999998].forEach((q, i) => close([small.summary.ref.p50, small.summary.ref.p95, small.summary.ref.p99][i]!, q, 1e-12, `ref q${i}`));
  // normalised as Evidently: scipy.stats.wasserstein_distance(cur, ref) / numpy.std(ref) (ddof 0; ddof 1 gives 0.5457287238208266)
  close(wasserstein.compute(small, { min_std: 0.001 }).statistic, 0.5569820463921953, 1e-9, 'W / population std of the reference');
  // shifted by +3 and rounded to the 0.1 they stand for (0.8 + 0.1 is 0.9000000000000001, not a tie with 0.9, in floats)
  const tenth = (v: number) => Math.round((v + 3) * 10) / 10;
  const large = await fromSql(Y.map(tenth), X.map(tenth));
  const r = ks.compute(large, {});
  close(r.statistic, 0.08, 1e-12, 'D large, with ties');
  close(r.pValue!, 0.21257685173298374, 1e-9, 'p large (exact)');
  close(large.ecdf.area, 0.5836666666666667, 1e-9, 'W large');
});

test('on skewed latencies with thousands of distinct values, D, p, W and quantiles are those of scipy/numpy on the raw samples', async () => {
  // python: ref = sample(2000, 11, 3000, 200); cur = sample(600, 29, 3600, 260) with the same generator (scipy 1.17.1)
  const shifted = await fromSql(sample(600, 29, 3600, 260), sample(2000, 11, 3000, 200));
  const r = ks.compute(shifted, {});
  close(r.statistic, 0.1045, 1e-12, 'D shifted');
  close(r.pValue!, 7.715600234277599e-05, 1e-6, 'p shifted');
  close(shifted.ecdf.area, 154.14591333333337, 1e-3, 'W shifted');
  close(wasserstein.compute(shifted, { min_std: 0.001 }).statistic, 154.14591333333337 / 651.1385045064787, 1e-3, 'W / numpy.std(reference)');
  // numpy.quantile(x, [.5, .95, .99]) (method 'linear', = DuckDB quantile_cont, as workflow_daily's p95); 'inverted_cdf'
  // (quantile_disc, used here before) gave [867.02, 2782.15, 3445.51] and [775.74, 2248.84, 2752.35]
  // (on the fine grid: a bin holding several values stands at their mean, ≤ 0.024% from each)
  const quantiles = (w: 'cur' | 'ref', expected: number[]) =>
    [shifted.summary[w].p50, shifted.summary[w].p95, shifted.summary[w].p99].forEach((v, i) => close(v!, expected[i], 1e-4, `${w} quantile ${i}`));
  quantiles('cur', [867.61, 2782.231, 3445.726]);
  quantiles('ref', [776.3199999999999, 2248.866, 2752.5903999999996]);
  const same = await fromSql(sample(600, 29, 3000, 200), sample(2000, 11, 3000, 200));
  const n = ks.compute(same, {});
  close(n.statistic, 0.05333333333333334, 1e-12, 'D same distribution');
  close(n.pValue!, 0.13982964393468028, 1e-6, 'p same distribution');
  close(same.ecdf.area, 55.35258000000002, 1e-3, 'W same distribution');
});

test('two-proportion z-test matches the pooled z and scipy.stats.norm.sf (54/300 vs 30/1000)', () => {
  const a: RateAggregate = { kind: 'rate', metric: 'unknown_rate', cur: { n: 300, x: 54 }, ref: { n: 1000, x: 30 }, days: [] };
  const r = twoProportion.compute(a, { direction: 'increase' });
  close(r.statistic, 9.268663857279977, 1e-12, 'z');
  close(r.pValue!, 9.42461376044531e-21, 1e-6, 'p');
  close(r.effect, 0.15, 1e-12, 'absolute change');
  close(r.details?.relative_change as number, 5, 1e-12, 'relative change');
  // a drop is no alarm for an 'increase' test
  const drop = twoProportion.compute({ ...a, cur: a.ref, ref: a.cur }, { direction: 'increase' });
  assert.equal(drop.effect, 0);
  assert.ok(drop.pValue! > 0.99);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquare } from '../../../evaluators/drift/chiSquare.ts';
import type { NumericAggregate, RateAggregate } from '../../../evaluators/drift/defineDriftTest.ts';
import { jensenShannonDistance } from '../../../evaluators/drift/jensenShannon.ts';
import { ks } from '../../../evaluators/drift/ks.ts';
import { populationStabilityIndex, psi, referenceQuantileBins } from '../../../evaluators/drift/psi.ts';
import { twoProportion } from '../../../evaluators/drift/twoProportion.ts';
import { wassersteinDistance } from '../../../evaluators/drift/wasserstein.ts';

const close = (actual: number, expected: number, rel: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

/** Raw samples → the weighted-support shape the numeric aggregate has (as the SQL produces for distinct values). */
function numeric(cur: number[], ref: number[]): NumericAggregate {
  const points = [...new Set([...cur, ...ref])].sort((a, b) => a - b);
  const count = (xs: number[]) => points.map((p) => xs.filter((x) => x === p).length);
  const s = { n: 0, mean: 0, std: 1, p50: null, p95: null, p99: null };
  return { kind: 'numeric', metric: 'x', points, cur: count(cur), ref: count(ref), summary: { cur: s, ref: s } };
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
});

test('numeric PSI uses reference quantile bins: ten bins of equal reference share', () => {
  const ref = Array.from({ length: 100 }, () => 1);
  const bins = referenceQuantileBins({ cur: ref.map((_, i) => (i < 50 ? 2 : 0)), ref }, 10);
  assert.deepEqual(bins.ref, Array(10).fill(10));
  assert.deepEqual(bins.cur, [20, 20, 20, 20, 20, 0, 0, 0, 0, 0]);
  const r = psi.compute({ ...numeric([], []), points: ref.map((_, i) => i), cur: bins.cur.flatMap((c) => Array(10).fill(c / 10)), ref }, { bins: 10, epsilon: 1e-4 });
  // five bins at 0.2 vs 0.1 and five at 1e-4 vs 0.1: 5·0.1·ln 2 + 5·(0.1−1e-4)·ln(0.1/1e-4)
  close(r.statistic, 5 * 0.1 * Math.log(2) + 5 * (0.1 - 1e-4) * Math.log(1000), 1e-9, 'psi');
});

test('KS statistic and Wasserstein distance match scipy ks_2samp and wasserstein_distance (scipy 1.17.1)', () => {
  const small = numeric(B, A);
  close(ks.compute(small, {}).statistic, 0.23000000000000004, 1e-12, 'D small');
  close(wassersteinDistance(small), 0.6065999999999999, 1e-9, 'W small');
  const large = numeric(Y, X);
  const r = ks.compute(large, {});
  close(r.statistic, 0.08666666666666667, 1e-12, 'D large');
  close(r.pValue!, 0.14444722840002533, 0.03, 'p large (asymptotic)');
  close(wassersteinDistance(large), 0.5836666666666668, 1e-9, 'W large');
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

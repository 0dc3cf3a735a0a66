import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benjaminiHochberg } from '../../../evaluators/stats/benjaminiHochberg.ts';
import { chiSquareSf, ksTwoSampleExactSf, ksTwoSamplePValue } from '../../../evaluators/stats/distributions.ts';
import { kolmogorovSmirnovSf } from '../../../evaluators/stats/kolmogorov.ts';
import { pChart, spikeStart } from '../../../evaluators/stats/pChart.ts';

const close = (actual: number, expected: number, rel: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

test('chi-square survival function matches scipy.stats.chi2.sf (scipy 1.17.1)', () => {
  close(chiSquareSf(7.81, 3), 0.05010605635000589, 1e-9, 'chi2.sf(7.81, 3)');
  close(chiSquareSf(17.81818181818182, 3), 0.00047950546443421203, 1e-9, 'chi2.sf(17.818, 3)');
  // a category-mix shift on thousands of requests: the p-value is tiny, not 0 (1 − cdf cancels below 1e-16)
  close(chiSquareSf(400, 3), 2.2138865931011112e-86, 1e-9, 'chi2.sf(400, 3)');
});

test('the finite-n Kolmogorov–Smirnov distribution matches scipy.stats.kstwo.sf (scipy 1.17.1) in its body and far tail', () => {
  // body (n·x² < 2.2): Pelz–Good; tail: twice the exact Smirnov sum, and above n = 10⁶ scipy's exp(−(6nx+1)²/(18n))
  close(kolmogorovSmirnovSf(0.01, 4000), 0.8147370625570772, 1e-6, 'kstwo.sf(0.01, 4000)');
  close(kolmogorovSmirnovSf(0.02, 4000), 0.08043072865191048, 1e-6, 'kstwo.sf(0.02, 4000)');
  close(kolmogorovSmirnovSf(0.05, 4000), 3.947335027796709e-09, 1e-9, 'kstwo.sf(0.05, 4000)');
  close(kolmogorovSmirnovSf(0.158, 4000), 1.0922247020404492e-87, 1e-9, 'kstwo.sf(0.158, 4000)');
  close(kolmogorovSmirnovSf(0.025, 160_000), 2.648175948384577e-87, 1e-9, 'kstwo.sf(0.025, 160000)');
  close(kolmogorovSmirnovSf(0.0025, 2_000_000), 2.7729632369642658e-11, 1e-9, 'kstwo.sf(0.0025, 2e6)');
  close(kolmogorovSmirnovSf(0.6, 300), 8.399665126868074e-104, 1e-9, 'kstwo.sf(0.6, 300): x ≥ ½');
  // n = 100 (the default minimum window against a window of > 10,000): Pelz–Good is within 2·10⁻⁴
  close(kolmogorovSmirnovSf(0.05, 100), 0.9532159710635725, 2e-4, 'kstwo.sf(0.05, 100)');
  close(kolmogorovSmirnovSf(0.15, 100), 0.019839242125643017, 2e-4, 'kstwo.sf(0.15, 100)');
  assert.equal(kolmogorovSmirnovSf(0.003, 400), 1, 'n·x ≤ ½');
  assert.equal(kolmogorovSmirnovSf(0, 400), 1);
  assert.equal(kolmogorovSmirnovSf(1, 400), 0);
});

test('above 10,000 values a window, the KS p-value is scipy ks_2samp\'s asymptotic one, kstwo.sf(D, round(n₁n₂/(n₁+n₂))) (scipy 1.17.1)', () => {
  close(ksTwoSamplePValue(0.03, 20_000, 5_000), 0.0014620752069361704, 1e-6, 'n=20000,5000');
  close(ksTwoSamplePValue(0.015, 40_000, 10_000), 0.05409826607750512, 1e-6, 'n=40000,10000');
  // nₑ = 10000.5 rounds half to even, as numpy.round: kstwo.sf(0.02, 10000), not 10001 (0.0006611556806932119)
  close(ksTwoSamplePValue(0.02, 20_001, 20_001), 0.0006616848639387309, 1e-9, 'n=20001,20001');
});

test('the exact two-sample KS distribution matches scipy ks_2samp(method="exact") to 1e-9, tiny p-values included; large samples use the asymptotic one as scipy does', () => {
  // scipy 1.17.1: stats._stats_py._attempt_exact_2kssamp(n1, n2, gcd, d, 'two-sided')
  close(ksTwoSampleExactSf(0.23, 20, 25), 0.5286364448145011, 1e-9, 'd=0.23 n=20,25');
  close(ksTwoSampleExactSf(0.1, 100, 100), 0.7020569828664881, 1e-9, 'd=0.1 n=100,100');
  close(ksTwoSampleExactSf(0.3, 50, 70), 0.008175611547386332, 1e-9, 'd=0.3 n=50,70');
  close(ksTwoSampleExactSf(0.05, 1000, 4000), 0.035881464354337415, 1e-9, 'd=0.05 n=1000,4000');
  close(ksTwoSampleExactSf(0.25, 1190, 4760), 9.309202101374757e-53, 1e-6, 'd=0.25 n=1190,4760');
  close(ksTwoSamplePValue(0.05, 4000, 1000), 0.035881464354337415, 1e-9, 'both ≤ 10,000: exact');
  // large D on large windows stays exact, as scipy's: _attempt_exact_2kssamp(8000, 8000, 8000, 0.2, 'two-sided')
  close(ksTwoSamplePValue(0.2, 8000, 8000), 2.47750874729232e-140, 1e-6, 'd=0.2 n=8000,8000');
  close(ksTwoSamplePValue(0.15, 10_000, 10_000), 1.6593530884621873e-98, 1e-6, 'd=0.15 n=10000,10000');
});

test('Benjamini–Hochberg matches scipy.stats.false_discovery_control and skips tests without a p-value', () => {
  const adj = benjaminiHochberg([0.01, null, 0.04, 0.03, 0.005, 0.5]);
  const expected = [0.025, null, 0.05, 0.05, 0.025, 0.5];
  adj.forEach((v, i) => (expected[i] === null ? assert.equal(v, null) : close(v as number, expected[i] as number, 1e-12, `p[${i}]`)));
});

test('p-chart limits are p̄ + 3√(p̄(1−p̄)/n) with enough expected events, else the exact binomial limit of the same tail', () => {
  // 60 expected events: the normal limit
  close(pChart(0.03, [{ day: 'd', n: 2000, count: 70 }])[0].ucl, 0.03 + 3 * Math.sqrt((0.03 * 0.97) / 2000), 1e-12, 'normal ucl');
  // 0.9 expected: the normal limit (0.1234) is crossed by 4 of 30 with probability 0.0119, not 0.00135; scipy 1.17.1:
  // binom.sf(5, 30, 0.03) = 0.000233 < norm.sf(3) ≤ binom.sf(4, 30, 0.03): the limit is 6 of 30
  const small = pChart(0.03, [4, 5, 6].map((count) => ({ day: `c${count}`, n: 30, count })));
  assert.deepEqual(small.map((d) => d.above), [false, false, true]);
  close(small[0].ucl, 5.5 / 30, 1e-12, 'exact ucl, half a count below the first alarming count');
  assert.deepEqual(small.map((d) => d.rate > d.ucl), [false, false, true], 'rate > ucl agrees with above (as the views read it)');
  // never seen in 840 reference requests: one in 30 (p 0.018 at ½/841) is no alarm, two (p 0.00015) are
  assert.deepEqual(pChart(0, [1, 2].map((count) => ({ day: `z${count}`, n: 30, count })), 3, 840).map((d) => d.above), [false, true]);
});

test('the spike start is the first day of the run above the p-chart limit that lasts', () => {
  const days = [
    { day: 'd1', n: 100, count: 3 },
    { day: 'd2', n: 100, count: 10 }, // at the exact limit (10 of 100 at p̄ 3%): an isolated blip
    { day: 'd3', n: 100, count: 2 },
    { day: 'd4', n: 100, count: 18 },
    { day: 'd5', n: 0, count: 0 }, // no traffic does not break the run
    { day: 'd6', n: 100, count: 20 },
  ];
  const chart = pChart(0.03, days);
  assert.deepEqual(chart.map((d) => d.above), [false, true, false, true, false, true]);
  assert.equal(spikeStart(chart), 'd4');
  assert.equal(spikeStart(pChart(0.03, days.slice(0, 3))), 'd2');
  assert.equal(spikeStart(pChart(0.03, [days[0], days[2]])), null);
  // Thursday 10 of 66 at a 3.2% reference, Friday 7 (past the warning limit, short of the alarm), then 12 and 13:
  // the spike started on Thursday, Friday's lower draw does not restart it on Saturday
  const week = pChart(0.0319, [1, 3, 4, 10, 7, 12, 13].map((count, i) => ({ day: `w${i + 1}`, n: 66, count })));
  assert.deepEqual(week.map((d) => [d.above, d.warn]), [[false, false], [false, false], [false, false], [true, true], [false, true], [true, true], [true, true]]);
  assert.equal(spikeStart(week), 'w4');
});

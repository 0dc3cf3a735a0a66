import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse, type RecordRow, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/**
 * Records in a warehouse → the drift job → drift_results, checked against scipy 1.17.1 / numpy 2.4 on the same
 * values. Python for the literals (same Park–Miller draws, same arithmetic, `window(n, seed, cur)` mirrors
 * `window` below): ks_2samp(cur, ref, method='auto'); wasserstein_distance(cur, ref) / numpy.std(ref);
 * numpy.quantile(x, [.5, .95, .99]); PSI on edges = unique(quantile(ref, k/10, method='inverted_cdf')) with
 * searchsorted(edges, x, side='left'), empty shares → 1e-4; chi2_contingency(correction=False);
 * contingency.association(method='cramer'); spatial.distance.jensenshannon(ref, cur); norm.sf of the pooled z;
 * false_discovery_control over the run's p-values (five segments, each holding every record).
 */
function* uniforms(seed: number): Generator<number> {
  for (let s = seed; ; ) yield (s = (s * 16807) % 2147483647) / 2147483647;
}

function window(n: number, seed: number, cur: boolean, first: string, stepS: number, rawConfidence = false): RecordRow[] {
  const u = uniforms(seed);
  const next = () => u.next().value as number;
  return Array.from({ length: n }, (_, i) => {
    const c = next();
    const category = cur
      ? c < 0.06 ? 'unknown' : c < 0.5 ? 'billing' : c < 0.8 ? 'technical' : c < 0.9 ? 'refund' : null
      : c < 0.04 ? 'unknown' : c < 0.55 ? 'billing' : c < 0.8 ? 'technical' : 'account';
    const confidence0 = (cur ? 0.25 : 0.3) + 0.7 * next();
    const confidence = rawConfidence ? confidence0 : Math.floor(confidence0 * 1000) / 1000;
    const input_tokens = Math.floor((cur ? 205 : 200) + 1000 * next() * next());
    const output_tokens = Math.floor(20 + (cur ? 340 : 300) * next() * next());
    const latency_ms = Math.floor(((cur ? 260 : 200) + (cur ? 3600 : 3000) * next() * next()) * 100) / 100;
    const st = next();
    const status: RecordRow['status'] = st < (cur ? 0.05 : 0.02) ? 'error' : st < (cur ? 0.07 : 0.03) ? 'timeout' : 'ok';
    const fallback = next() < (cur ? 0.08 : 0.05);
    const human_override = next() < 0.03;
    const ts = new Date(Date.parse(first) + i * stepS * 1000).toISOString();
    return { id: `${cur ? 'c' : 'r'}${seed}-${i}`, ts, category, confidence, input_tokens, output_tokens, latency_ms, status, fallback, human_override };
  });
}

const close = (actual: number | null | undefined, expected: number, rel: number, what: string) =>
  assert.ok(actual != null && Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

interface Row { metric: string; test: string; statistic: number; p_value: number | null; p_adjusted: number | null; effect: number; details: string }
let t: TempWarehouse;
async function overall(records: RecordRow[]): Promise<(test: string, metric: string) => Row & { d: Record<string, any> }> {
  await t.wh.run('DELETE FROM records');
  await insertRecords(t.wh, records);
  const { runId } = await runJob('drift', { end: '2026-11-09' }, { wh: t.wh, config: t.config });
  const rows = await t.wh.all<Row>(`SELECT metric, test, statistic, p_value, p_adjusted, effect, details FROM drift_results WHERE run_id = $1 AND segment_type = 'overall'`, [runId]);
  return (test, metric) => {
    const r = rows.find((x) => x.test === test && x.metric === metric);
    assert.ok(r, `${test} ${metric}`);
    return { ...r, d: JSON.parse(r.details) };
  };
}

before(async () => {
  t = await tempWarehouse();
});
after(() => t.cleanup());

test('drift_results of a shifted week match scipy: KS, Wasserstein/std, PSI, quantiles, chi-square, JS, two-proportion, BH', async () => {
  const get = await overall([...window(400, 17, false, '2026-10-05T01:00:00Z', 6000), ...window(300, 23, true, '2026-11-02T01:00:00Z', 2000)]);
  const numeric: [string, number, number, number, number, [number, number, number], [number, number, number]][] = [
    // metric, D, p (exact: ≤ 10,000 a window), W / numpy.std(ref), PSI, numpy.quantile(cur), numpy.quantile(ref)
    ['latency_ms', 0.14916666666666667, 0.0008753195052227071, 0.405791831241061, 0.7767639541982898, [966.05, 2801.6415, 3308.0754999999986], [769.8299999999999, 2328.7524999999987, 2654.1669999999995]],
    ['input_tokens', 0.0475, 0.8184760762364612, 0.04462524066926394, 0.04031154542630173, [403.5, 948.5000000000001, 1092.08], [402.5, 926.1999999999998, 1052.07]],
    ['output_tokens', 0.0625, 0.4976274119435355, 0.1534385824625327, 0.0211287510636885, [88, 265.05, 321.03], [78, 231, 277.01]],
    ['confidence', 0.12666666666666668, 0.007528411823160228, 0.2802459215384296, 0.2644858707427675, [0.5914999999999999, 0.904, 0.9470099999999999], [0.6325000000000001, 0.9641499999999998, 0.996]],
  ];
  for (const [metric, d, p, w, psi, qCur, qRef] of numeric) {
    const ks = get('ks', metric);
    close(ks.statistic, d, 1e-12, `${metric} D`);
    close(ks.p_value, p, 1e-9, `${metric} p`);
    // latencies in 0.01 ms: now and then a fine bin (0.024% wide) holds two values, integrated at their mean
    close(get('wasserstein', metric).statistic, w, metric === 'latency_ms' ? 1e-5 : 1e-9, `${metric} W/std`);
    close(get('psi', metric).statistic, psi, 1e-9, `${metric} PSI`);
    ['p50', 'p95', 'p99'].forEach((q, i) => {
      close(ks.d.current[q], qCur[i], 1e-12, `${metric} current ${q}`);
      close(ks.d.reference[q], qRef[i], 1e-12, `${metric} reference ${q}`);
    });
  }
  // categories billing, technical, account (vanished), unknown, refund (new), missing: cur 124 111 0 13 22 30, ref 195 101 85 19 0 0
  const chi = get('chi_square', 'category');
  close(chi.statistic, 143.03252274082726, 1e-12, 'chi2');
  close(chi.p_value, 4.0544323571606965e-29, 1e-9, 'chi2 p');
  assert.equal(chi.d.df, 5);
  close(chi.effect, 0.4520311663414802, 1e-12, "Cramér's V");
  assert.deepEqual([chi.d.new_categories.sort(), chi.d.vanished_categories], [['(null)', 'refund'], ['account']]);
  close(get('jensen_shannon', 'category').statistic, 0.37533160212389943, 1e-12, 'JS distance (natural log)');
  close(get('psi', 'category').statistic, 2.858075847130126, 1e-12, 'category PSI');
  const rates: [string, string, number, number][] = [
    ['unknown_rate_spike', 'unknown_rate', -0.26119519356549525, 0.6030290077579223],
    ['two_proportion', 'error_rate', 2.9945656288781852, 0.0013741796165268618],
    ['two_proportion', 'fallback_rate', 2.4161678707999075, 0.007842414106150504],
    ['two_proportion', 'human_override_rate', -2.2386278729888978, 0.9874099304529265],
    ['two_proportion', 'low_confidence_rate', 2.4364375533046863, 0.007416365143829257],
  ];
  for (const [test, metric, z, p] of rates) {
    close(get(test, metric).statistic, z, 1e-12, `${metric} z`);
    close(get(test, metric).p_value, p, 1e-12, `${metric} one-sided p`);
  }
  const bh: [string, string, number][] = [
    ['ks', 'latency_ms', 0.004376597526113536], ['ks', 'input_tokens', 0.9094178624849569], ['ks', 'output_tokens', 0.7108963027764793],
    ['ks', 'confidence', 0.013070690176917508], ['chi_square', 'category', 4.0544323571606965e-28], ['unknown_rate_spike', 'unknown_rate', 0.753786259697403],
    ['two_proportion', 'error_rate', 0.004580598721756206], ['two_proportion', 'fallback_rate', 0.013070690176917508],
    ['two_proportion', 'human_override_rate', 0.9874099304529265], ['two_proportion', 'low_confidence_rate', 0.013070690176917508],
  ];
  for (const [test, metric, adjusted] of bh) close(get(test, metric).p_adjusted, adjusted, 1e-9, `${test} ${metric} BH`);
});

test('above 10,000 records a window the KS p-value is scipy ks_2samp\'s asymptotic one (12,000 vs 3,000: kstwo.sf(D, 2400))', async () => {
  // latencies in whole ms here (numpy.floor in the python), each in a fine bin of its own; the next test has bins holding several
  const ms = (rows: RecordRow[]) => rows.map((r) => ({ ...r, latency_ms: Math.floor(r.latency_ms!) }));
  const ref = ms(window(12_000, 41, false, '2026-10-05T01:00:00Z', 200));
  // the same distribution (body of the distribution: Pelz–Good), then a shifted one (tail: Smirnov's sum)
  const same = await overall([...ref, ...ms(window(3000, 47, false, '2026-11-02T01:00:00Z', 200))]);
  const body: [string, number, number][] = [
    ['latency_ms', 0.02899999999999997, 0.03461818122797866], ['input_tokens', 0.015249999999999986, 0.6263824184070519],
    ['output_tokens', 0.02124999999999999, 0.22537885722111395], ['confidence', 0.019416666666666638, 0.3218601213549548],
  ];
  for (const [metric, d, p] of body) {
    close(same('ks', metric).statistic, d, 1e-9, `${metric} D`);
    close(same('ks', metric).p_value, p, 1e-6, `${metric} p`);
  }
  const shifted = await overall([...ref, ...ms(window(3000, 43, true, '2026-11-02T01:00:00Z', 200))]);
  const tail: [string, number, number][] = [
    ['latency_ms', 0.09891666666666667, 6.803053634612701e-21], ['input_tokens', 0.031166666666666665, 0.01848594905616353],
    ['output_tokens', 0.05716666666666664, 2.9346953273465533e-7], ['confidence', 0.09625000000000003, 8.374033924077444e-20],
  ];
  for (const [metric, d, p] of tail) {
    close(shifted('ks', metric).statistic, d, 1e-9, `${metric} D`);
    close(shifted('ks', metric).p_value, p, 1e-6, `${metric} p`);
  }
});

test('where fine bins hold several values (15,000 latencies in 0.01 ms, raw-float confidences) D, its p, the PSI and the quantiles are still exact', async () => {
  // the same draws as the test above, without the flooring: the python keeps every value as drawn
  const ref = window(12_000, 41, false, '2026-10-05T01:00:00Z', 200, true);
  // metric, D, p, PSI (numpy on the decile edges, as the first test), numpy.quantile(cur), numpy.quantile(ref)
  const cases: [number, boolean, [string, number, number, number, [number, number, number], [number, number, number]][]][] = [
    [47, false, [
      ['latency_ms', 0.029333333333333322, 0.03152553617346321, 0.0072791053120093195, [724.94, 2309.587499999999, 2782.5411999999997], [766.155, 2293.9284999999995, 2788.4801000000007]],
      ['confidence', 0.019749999999999934, 0.3024605562889233, 0.0019111758428031313, [0.650338319339947, 0.9621894195825742, 0.991683112623488], [0.6528745773494591, 0.9651409464399986, 0.991844884803912]],
    ]],
    [43, true, [
      ['latency_ms', 0.09933333333333333, 4.567121241129995e-21, 0.46212925335292643, [909.535, 2815.632, 3367.3317999999977], [766.155, 2293.9284999999995, 2788.4801000000007]],
      ['confidence', 0.09691666666666665, 4.499785847719784e-20, 0.14430822949744077, [0.5891591701606098, 0.9203069772060526, 0.9444860757409995], [0.6528745773494591, 0.9651409464399986, 0.991844884803912]],
    ]],
  ];
  for (const [seed, cur, expected] of cases) {
    const get = await overall([...ref, ...window(3000, seed, cur, '2026-11-02T01:00:00Z', 200, true)]);
    for (const [metric, d, p, psi, qCur, qRef] of expected) {
      const ks = get('ks', metric);
      close(ks.statistic, d, 1e-12, `${seed} ${metric} D`);
      close(ks.p_value, p, 1e-6, `${seed} ${metric} p`);
      close(get('psi', metric).statistic, psi, 1e-9, `${seed} ${metric} PSI`);
      ['p50', 'p95', 'p99'].forEach((q, i) => {
        close(ks.d.current[q], qCur[i], 1e-12, `${seed} ${metric} current ${q}`);
        close(ks.d.reference[q], qRef[i], 1e-12, `${seed} ${metric} reference ${q}`);
      });
    }
  }
});

test('identical windows give D = 0, p = 1, W = 0, PSI = 0, χ² = 0; disjoint latencies give D = 1 and the exact p', async () => {
  const ref = window(200, 31, false, '2026-10-05T01:00:00Z', 12_000);
  const cur = ref.map((r, i) => ({ ...r, id: `same-${i}`, ts: new Date(Date.parse('2026-11-02T01:00:00Z') + i * 3000_000).toISOString(), latency_ms: r.latency_ms! + 5000 }));
  const get = await overall([...ref, ...cur]);
  for (const metric of ['input_tokens', 'output_tokens', 'confidence']) {
    assert.deepEqual([get('ks', metric).statistic, get('ks', metric).p_value, get('wasserstein', metric).statistic, get('psi', metric).statistic], [0, 1, 0, 0], metric);
  }
  assert.deepEqual([get('chi_square', 'category').statistic, get('chi_square', 'category').p_value, get('jensen_shannon', 'category').statistic], [0, 1, 0]);
  // equal rates: z = 0, one-sided p = norm.sf(0)
  assert.deepEqual([get('two_proportion', 'error_rate').statistic, get('two_proportion', 'error_rate').p_value], [0, 0.5]);
  // ks_2samp: D = 1, p = 2 / C(400, 200); W = 5000 (the shift) / numpy.std(ref); every current value above the reference's deciles
  const ks = get('ks', 'latency_ms');
  assert.equal(ks.statistic, 1);
  close(ks.p_value, 1.9426434495222354e-119, 1e-9, 'disjoint p');
  close(get('wasserstein', 'latency_ms').statistic, 7.513992469663054, 1e-9, 'disjoint W/std');
  close(get('psi', 'latency_ms').statistic, 8.283089355027482, 1e-9, 'disjoint PSI');
});

test('two categories: Pearson χ² without Yates, as chi2_contingency(correction=False) and the square of the pooled z', async () => {
  // 60 of 400 'no' now vs 50 of 500 before; scipy's default (Yates, correction=True) would say 4.722799194476409, p 0.0298
  const rows = (n: number, no: number, cur: boolean): RecordRow[] => Array.from({ length: n }, (_, i) => ({
    id: `${cur ? 'c' : 'r'}${i}`, ts: new Date(Date.parse(cur ? '2026-11-02T01:00:00Z' : '2026-10-05T01:00:00Z') + i * (cur ? 1200_000 : 4800_000)).toISOString(),
    category: i < no ? 'no' : 'yes',
  }));
  const get = await overall([...rows(500, 50, false), ...rows(400, 60, true)]);
  const chi = get('chi_square', 'category');
  close(chi.statistic, 5.178365937859608, 1e-12, 'chi2');
  close(chi.p_value, 0.022869822106789416, 1e-9, 'p');
  close(chi.effect, 0.0758534108063383, 1e-12, "Cramér's V");
});

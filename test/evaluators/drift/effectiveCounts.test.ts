import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveCounts } from '../../../evaluators/drift/aggregates.ts';

// Kish's effective sample of records weighted 1/sample_rate: n_eff = (Σw)²/Σw², x = n_eff · Σw_x/Σw. Expected values
// computed with python3 from the same sums.
test('effective counts: the records themselves when every record has one weight, Kish n_eff and the weighted rate when they differ', () => {
  const cases: { what: string; s: Parameters<typeof effectiveCounts>[0]; n: number; x: number }[] = [
    { what: 'all kept (weight 1)', s: { n: 2800, x: 84, w: 2800, w2: 2800, xw: 84 }, n: 2800, x: 84 },
    { what: 'all at 10% (weight 10): a uniform rate changes no share', s: { n: 206, x: 5, w: 2060, w2: 20600, xw: 50 }, n: 206, x: 5 },
    { what: 'all at 30% (weights 1/0.3 with rounding)', s: { n: 3, x: 1, w: 3 / 0.3, w2: 3 / 0.09, xw: 1 / 0.3 }, n: 3, x: 1 },
    { what: 'nothing', s: { n: 0, x: 0, w: 0, w2: 0, xw: 0 }, n: 0, x: 0 },
    // 206 records at weight 10 (5 unknown) and 700 at weight 1 (175 unknown): 2760²/21300, 225·2760/21300
    { what: 'two tenants sampled at 10% and 100%', s: { n: 906, x: 180, w: 2760, w2: 21300, xw: 225 }, n: 357.63380281690144, x: 29.154929577464788 },
  ];
  for (const c of cases) {
    const e = effectiveCounts(c.s);
    assert.ok(Math.abs(e.n - c.n) <= 1e-12 * Math.max(1, c.n) && Math.abs(e.x - c.x) <= 1e-12 * Math.max(1, c.x), `${c.what}: ${JSON.stringify(e)}`);
  }
  // uniform weights give the records exactly, not a float near them
  assert.deepEqual(effectiveCounts({ n: 3, x: 1, w: 3 / 0.3, w2: 3 / 0.09, xw: 1 / 0.3 }), { n: 3, x: 1 });
  const mixed = effectiveCounts({ n: 906, x: 180, w: 2760, w2: 21300, xw: 225 });
  assert.equal(mixed.x / mixed.n, 225 / 2760);
});

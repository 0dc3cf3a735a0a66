import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grade, type GradeInput } from '../../../evaluators/drift/severity.ts';

const base: GradeInput = { effect: 0.15, pAdjusted: 0.001, n: 500, bands: { low: 0.1, medium: 0.2, high: 0.3 }, fdr: 0.05, minSampleSize: 100, largeSampleSize: 1000 };

test('severity needs significance and effect together; effect-only tests are graded on large samples only', () => {
  const cases: [Partial<GradeInput>, string][] = [
    [{}, 'low'],
    [{ effect: 0.25 }, 'medium'],
    [{ effect: -0.35 }, 'high'],
    [{ effect: 0.05 }, 'none'], // significant but tiny
    [{ effect: 0.9, pAdjusted: 0.2 }, 'none'], // large but noise
    [{ effect: 0.9, pAdjusted: 0.05 }, 'none'], // at the FDR level is not below it
    [{ n: 99 }, 'insufficient_data'],
    [{ pAdjusted: null, effect: 0.9 }, 'none'], // effect-only below large_sample_size
    [{ pAdjusted: null, effect: 0.25, n: 1000 }, 'medium'],
    [{ pAdjusted: null, effect: 0.25, n: 1000, corroboratingPAdjusted: 0.001 }, 'medium'], // KS / χ² agree
    [{ pAdjusted: null, effect: 0.6, n: 5000, corroboratingPAdjusted: 0.3 }, 'none'], // KS / χ² see no change: noise
  ];
  for (const [over, expected] of cases) assert.equal(grade({ ...base, ...over }).severity, expected, JSON.stringify(over));
});

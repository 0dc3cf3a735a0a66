import assert from 'node:assert/strict';
import { test } from 'node:test';
import { change, count, day, dayRange, estimate, ms, NONE, number, pct, pp, usd, usdChange } from '../../reports/format.ts';

test('numbers read with their units, and a missing value is a dash, never 0', () => {
  const cases: [string, string][] = [
    [count(12345.4), '12,345'],
    [count(null), NONE],
    [estimate(128120), '≈128,000'],
    [estimate(640.4), '≈640'],
    [usd(1234.567), '$1,235'],
    [usd(12.345), '$12.35'],
    [usd(0.004213), '$0.0042'],
    [usd(0), '$0.00'],
    [usd(0.00052), '$0.00052'],
    [usd(2.25e-14), '$0.00'],
    [usdChange(-1.3e-14), '±$0.00'],
    [usd(-3.1), '−$3.10'],
    [usd(undefined), NONE],
    [usdChange(12.4), '+$12.40'],
    [usdChange(-3.1), '−$3.10'],
    [ms(620.6), '621 ms'],
    [ms(1234), '1.23 s'],
    [ms(18420), '18.4 s'],
    [ms(Number.NaN), NONE],
    [pct(0.1124), '11.2%'],
    [pct(0.0004), '0.04%'],
    [pct(6 / 176862), '0.003%'],
    [pct(0), '0.0%'],
    [change(0.785), '+79%'],
    [change(-0.061), '−6.1%'],
    [change(0.0001), '±0%'],
    [pp(0.0860), '+8.6 pp'],
    [pp(-0.0032), '−0.32 pp'],
    [pp(0), '±0 pp'],
    [number(0.16612), '0.166'],
    [number(2.929), '2.93'],
    [day('2026-11-26'), 'Thu 26 Nov'],
    [dayRange('2026-11-23', '2026-11-29'), '23–29 Nov 2026'],
    [dayRange('2026-11-30', '2026-12-06'), '30 Nov – 6 Dec 2026'],
    [dayRange('2026-12-28', '2027-01-03'), '28 Dec 2026 – 3 Jan 2027'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

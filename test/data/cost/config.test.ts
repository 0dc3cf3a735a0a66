import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isoWeekLabel, isoWeekStart } from '../../../data/cost/isoWeek.ts';
import { loadPriceInputs } from '../../../data/cost/inputs.ts';
import { AssayError } from '../../../data/errors.ts';
import { Warehouse } from '../../../data/warehouse.ts';
import { parseConfig } from '../../../jobs/config.ts';

let wh: Warehouse;
before(async () => {
  wh = await Warehouse.open(':memory:');
});
after(() => wh.close());

test('cost config errors name the key and what was expected', () => {
  const cases: [unknown, RegExp][] = [
    [{ tenants: { acme: { discount: 2 } } }, /cost\.tenants\.acme\.discount: .*(<=|1)/],
    [{ tenants: { acme: { models: { 'gpt-4o': { input_mtok: 1 } } } } }, /cost\.tenants\.acme\.models\.gpt-4o/],
    [{ tenants: { acme: [{ to: '2026-06-01', discount: 0.1 }, { from: '2026-05-01', discount: 0.2 }] } }, /cost\.tenants\.acme\.1\.from: overlaps term 0/],
    [{ tenants: { acme: { from: '2026-06-01', to: '2026-05-01' } } }, /cost\.tenants\.acme\.to: to must be after from/],
    [{ budgets: { tenants: { acme: -5 } } }, /cost\.budgets\.tenants\.acme: /],
    [{ budgets: { teams: {} } }, /cost\.budgets.*teams/],
    [{ alerts: { unpriced_min_requests: 0 } }, /cost\.alerts\.unpriced_min_requests/],
    [{ price_file: 'x.csv' }, /cost.*price_file/],
  ];
  for (const [cost, message] of cases) {
    assert.throws(() => parseConfig({ cost }, 'assay.config.json'), (e: AssayError) => {
      assert.equal(e.code, 'ASSAY_ERR_CONFIG');
      assert.match(e.message, message);
      return true;
    }, JSON.stringify(cost));
  }
  const ok = parseConfig({ cost: { tenants: { acme: [{ to: '2026-06-01', discount: 0.1 }, { from: '2026-06-01', discount: 0.2 }] } } }, '(test)');
  assert.equal(ok.cost.alerts.unpriced_min_requests, 1);
});

test('an unknown fallback provider is named with the providers the table has', async () => {
  await assert.rejects(loadPriceInputs(wh, parseConfig({ cost: { fallback_providers: ['groq', 'grok'] } }, '(test)').cost, '.'), (e: AssayError) => {
    assert.equal(e.code, 'ASSAY_ERR_CONFIG');
    assert.match(e.message, /cost\.fallback_providers\.1: unknown provider 'grok' \(.*together/);
    return true;
  });
});

test('ISO weeks: labels to Mondays and back, including 53-week years', () => {
  const cases: [string, string | null][] = [
    ['2026-W46', '2026-11-09'], ['2026-W01', '2025-12-29'], ['2026-W53', '2026-12-28'], ['2020-W53', '2020-12-28'],
    ['2025-W53', null], ['2026-W00', null], ['2026-46', null],
  ];
  for (const [label, monday] of cases) assert.equal(isoWeekStart(label), monday, label);
  assert.equal(isoWeekLabel('2027-01-03'), '2026-W53');
  assert.equal(isoWeekLabel('2027-01-04'), '2027-W01');
});

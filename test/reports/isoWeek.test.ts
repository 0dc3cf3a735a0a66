import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastCompleteWeek, parseIsoWeek, weekOf } from '../../reports/isoWeek.ts';

test('ISO weeks parse to their Monday, next Monday and previous week, across year ends', () => {
  const cases: [string, string, string, string][] = [
    ['2026-W46', '2026-11-09', '2026-11-16', '2026-W45'],
    ['2026-W01', '2025-12-29', '2026-01-05', '2025-W52'],
    ['2020-W53', '2020-12-28', '2021-01-04', '2020-W52'],
    ['2021-W01', '2021-01-04', '2021-01-11', '2020-W53'],
  ];
  for (const [label, start, end, prev] of cases) {
    const w = parseIsoWeek(label);
    assert.deepEqual([w.week, w.start, w.end, w.prev], [label, start, end, prev], label);
    assert.equal(weekOf(w.start).week, label);
    assert.equal(weekOf(w.last).week, label);
  }
});

test('a malformed or non-existent week is a usage error that says what is expected', () => {
  assert.throws(() => parseIsoWeek('2026-46'), /ISO week such as 2026-W46/);
  assert.throws(() => parseIsoWeek('2025-W53'), /2025-W53 does not exist: 2025 has 52 ISO weeks/);
  assert.equal(parseIsoWeek('2026-W53').start, '2026-12-28');
  assert.throws(() => parseIsoWeek('2026-W00'), /does not exist/);
});

test('the default report week is the last complete one', () => {
  assert.equal(lastCompleteWeek(new Date('2026-11-30T08:00:00Z')).week, '2026-W48');
  assert.equal(lastCompleteWeek(new Date('2026-11-29T23:00:00Z')).week, '2026-W47');
});

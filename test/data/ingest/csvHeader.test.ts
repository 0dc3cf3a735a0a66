import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, ingest, quarantineRows } from '../../helpers/ingest.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

test("a spreadsheet export's sep=; first line sets the delimiter and the header is line 2; records keep their physical lines", () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('excel_sep_hint.csv')] });
    assert.deepEqual(await t.wh.all('SELECT id, source_line, input FROM records ORDER BY id'), [
      { id: 'xl-1', source_line: 3, input: 'Refund please;\r\nI was charged twice' },
      { id: 'xl-4', source_line: 7, input: 'draft it again' },
    ]);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [
      [5, 'malformed_csv', null],
      [6, 'negative_value', 'input_tokens'],
    ]);
    assert.equal(r.result.counts.read, 4);
  }));

test('a delimiter closing every line (an unnamed last column) does not make the CSV unreadable', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('trailing_delimiter.csv')] });
    assert.deepEqual(await t.wh.all('SELECT id, source_line FROM records'), [{ id: 'td-1', source_line: 2 }]);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[3, 'negative_value', 'input_tokens']]);
  }));

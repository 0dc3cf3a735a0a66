import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AssayError } from '../../../data/errors.ts';
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

test("pandas' to_csv() (an unnamed index column first) loads; a JSON Lines file read as CSV fails saying it looks like JSON", () =>
  withWarehouse(async (t) => {
    const header = 'id,ts,tenant_id,workflow,model,prompt_version,input,output,category,confidence,input_tokens,output_tokens,latency_ms,status,fallback,human_override';
    const row = (i: number) => `${i},pd-${i},2026-11-02T10:00:00Z,acme,wf,m,v1,hi,ok,c,0.5,1,1,10,ok,False,False`;
    const file = join(t.dir, 'pandas.csv');
    writeFileSync(file, `,${header}\n${row(0)}\n${row(1)}\n`);
    await ingest(t, { paths: [file] });
    assert.deepEqual(await t.wh.all('SELECT id, source_line FROM records ORDER BY id'), [{ id: 'pd-0', source_line: 2 }, { id: 'pd-1', source_line: 3 }]);
    const jsonl = join(t.dir, 'events.jsonl');
    writeFileSync(jsonl, '{"id":"x"}\n');
    await assert.rejects(ingest(t, { paths: [jsonl], format: 'csv' }), (e: unknown) => e instanceof AssayError && /events\.jsonl:1: this looks like JSON, not CSV/.test(e.message));
  }));

test('a column named twice in a CSV header, also in another case (DuckDB reads names case-insensitively), fails naming the file and both', () =>
  withWarehouse(async (t) => {
    for (const [header, want] of [['id,ts,id', /dup\.csv:1: column 'id' appears twice in the CSV header$/], ['id,ts,ID', /dup\.csv:1: column 'ID' appears twice in the CSV header \(as 'id' too: column names are case-insensitive\)/]] as const) {
      const file = join(t.dir, 'dup.csv');
      writeFileSync(file, `${header}\na,2026-11-02T10:00:00Z,c\n`);
      await assert.rejects(ingest(t, { paths: [file] }), (e: unknown) => e instanceof AssayError && e.code === 'ASSAY_ERR_INPUT_UNREADABLE' && want.test(e.message));
    }
  }));

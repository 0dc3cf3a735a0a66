import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readPriceFile } from '../../../data/cost/priceFile.ts';
import { AssayError } from '../../../data/errors.ts';
import { Warehouse } from '../../../data/warehouse.ts';
import { tempDir } from '../../helpers/tempWarehouse.ts';

let wh: Warehouse;
const dir = tempDir();
before(async () => {
  wh = await Warehouse.open(':memory:');
});
after(() => wh.close());

async function problem(name: string, text: string): Promise<AssayError> {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    await readPriceFile(wh, file, 'user');
  } catch (e) {
    assert.ok(e instanceof AssayError, String(e));
    return e;
  }
  assert.fail(`${name} was accepted`);
}

test('a bad price file names the file, the line and the field of each problem', async () => {
  const cases: [string, string, number, string, RegExp][] = [
    ['number.csv', 'model,input_mtok,output_mtok\nok,1,2\nbad,cheap,2\n', 3, 'input_mtok', /non-negative number, got 'cheap'/],
    ['negative.csv', 'model,input_mtok,output_mtok\nbad,1,-2\n', 2, 'output_mtok', /non-negative/],
    ['date.csv', 'model,input_mtok,effective_from\nbad,1,next week\n', 2, 'effective_from', /YYYY-MM-DD/],
    ['month13.csv', 'model,input_mtok,effective_from\nbad,1,2026-13-01\n', 2, 'effective_from', /not a calendar day.*2026-13-01/],
    ['feb30.csv', 'model,input_mtok,effective_to\nbad,1,2026-02-30\n', 2, 'effective_to', /not a calendar day.*2026-02-30/],
    ['feb30ts.csv', 'model,input_mtok,effective_to\nbad,1,2026-02-30T12:00:00Z\n', 2, 'effective_to', /2026-02-30/],
    ['order.csv', 'model,input_mtok,effective_from,effective_to\nbad,1,2026-02-01,2026-01-01\n', 2, 'effective_to', /after effective_from/],
    ['match.csv', 'model,match,input_mtok\nbad,begins:x,1\n', 2, 'match', /equals:/],
    ['regex.csv', 'model,match,input_mtok\nbad,regex:(,1\n', 2, 'match', /regular expression/],
    ['noprice.csv', 'model,input_mtok,output_mtok\nbad,,\n', 2, 'input_mtok', /at least one/],
    ['overlap.csv', 'model,input_mtok,effective_from,effective_to\nm,1,,2026-02-01\nm,2,2026-01-15,\n', 3, 'effective_from', /overlaps line 2/],
    ['column.csv', 'model,input_price\nm,1\n', 1, 'input_price', /unknown column/],
    ['missing.csv', 'input_mtok\n1\n', 1, 'model', /required column/],
    ['hours.csv', 'model,input_mtok,time_from,time_to\nm,1,22:00,02:00\n', 2, 'time_to', /split a window across midnight/],
  ];
  for (const [name, text, line, field, message] of cases) {
    const e = await problem(name, text);
    assert.equal(e.code, 'ASSAY_ERR_PRICE_FILE', name);
    assert.equal(e.exitCode, 3, name);
    assert.deepEqual([e.details?.line, e.details?.field], [line, field], name);
    assert.match(e.message, new RegExp(`${name.replace('.', '\\.')}:${line}: ${field}: `), name);
    assert.match(e.message, message, name);
  }
});

test('line numbers stay right past comments, blank lines and a quoted cell that spans lines', async () => {
  const e = await problem('lines.csv', '# our negotiated prices\nmodel,match,input_mtok\n"multi\nline",,1\n\nok,"{""equals"":""ok""}",2\nbad,,x\n');
  assert.equal(e.details?.line, 7);
});

test('a valid file gives one row per line with its match rule, prices and validity', async () => {
  const file = join(dir, 'good.csv');
  writeFileSync(file, 'model,match,effective_from,time_from,time_to,input_mtok,cached_input_mtok,output_mtok\nft,"{""or"":[{""equals"":""ft-a""},{""starts_with"":""ft-b""}]}",2026-01-01,08:00,20:00,1,,4\nplain,,,,,0.5,0.25,2\n');
  const { rows } = await readPriceFile(wh, file, 'user');
  assert.deepEqual(rows.map((r) => [r.line, r.provider, r.model, r.match, r.effective_from, r.time_from_s, r.time_to_s, r.input_mtok, r.cached_input_mtok, r.output_mtok]), [
    [2, 'user', 'ft', { or: [{ equals: 'ft-a' }, { starts_with: 'ft-b' }] }, '2026-01-01T00:00:00.000Z', 28_800, 72_000, 1, null, 4],
    [3, 'user', 'plain', { equals: 'plain' }, null, 0, 86_400, 0.5, 0.25, 2],
  ]);
});

test('a missing price file is an input error naming it', async () => {
  await assert.rejects(readPriceFile(wh, join(dir, 'nope.csv'), 'user'), (e: AssayError) => e.code === 'ASSAY_ERR_INPUT_NOT_FOUND' && /nope\.csv/.test(e.message));
});

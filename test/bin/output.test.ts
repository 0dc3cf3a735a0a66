import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCsv, formatTable } from '../../bin/output.ts';

test('a table shows control and bidi characters from the data as visible escapes, so a value cannot clear the screen or reverse a row', () => {
  const table = formatTable([{ tenant_id: 'evil\u001b[2J\u001b[31mred\u0007', workflow: 'abc\u202edef', note: 'two\nlines\ttab' }]);
  assert.doesNotMatch(table, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  assert.match(table, /evil\\u001b\[2J\\u001b\[31mred\\u0007/);
  assert.match(table, /abc\\u202edef/);
  assert.match(table, /two lines tab/);
});

test('CSV quotes a header cell as it quotes values: a column named by its expression holds a comma', () => {
  const csv = formatCsv([{ "COALESCE(NULL, 'a')": 'a', n: 2, q: 'say "hi", then\nleave' }]);
  assert.equal(csv, `"COALESCE(NULL, 'a')",n,q\na,2,"say ""hi"", then\nleave"`);
});

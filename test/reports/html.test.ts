import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorId, esc } from '../../reports/html.ts';

test('element ids keep a readable part and differ whenever their parts differ, in case, in characters dropped or in a null', () => {
  const pairs: [(string | null)[], (string | null)[]][] = [
    [['cost', 'tenant', 'acme'], ['cost', 'tenant', 'ACME']],
    [['cost', 'tenant', '@@@'], ['cost', 'tenant', '###']],
    [['ops', 'acme', 'draft_reply'], ['ops', 'acme', 'draft-reply']],
    [['ops', null, 'all'], ['ops', 'all', null]],
    [['ops', 'a', 'b'], ['ops', 'a--b']],
    [['cost', 'tenant', 'x'.repeat(200)], ['cost', 'tenant', `${'x'.repeat(199)}y`]],
  ];
  for (const [a, b] of pairs) assert.notEqual(anchorId(...a), anchorId(...b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  const cases: [(string | null)[], RegExp][] = [
    [['ops', null, 'draft_reply'], /^ops--draft-reply--[0-9a-f]{8}$/],
    [['cost', 'tenant', 'Acme Corp'], /^cost--tenant--acme-corp--[0-9a-f]{8}$/],
    [['cost', 'tenant', '@@@'], /^cost--tenant--[0-9a-f]{8}$/],
    [['cost', 'tenant', 'x'.repeat(200)], /^cost--tenant--x{82}--[0-9a-f]{8}$/],
  ];
  for (const [parts, id] of cases) assert.match(anchorId(...parts), id);
  assert.equal(anchorId('ops', null, 'draft_reply'), anchorId('ops', null, 'draft_reply'), 'the same in every build');
});

test('escaping shows bidirectional controls as their code points, so a name cannot reorder the text after it', () => {
  const cases: [string, string][] = [
    ['acme\u202Eroc.exe', 'acme[U+202E]roc.exe'],
    ['\u202A\u202B\u202C\u202D', '[U+202A][U+202B][U+202C][U+202D]'],
    ['a\u2066b\u2067c\u2068d\u2069', 'a[U+2066]b[U+2067]c[U+2068]d[U+2069]'],
    ["<b title=\"x\">O'Brien & co</b>", '&lt;b title=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/b&gt;'],
    ['שלום عربي 租户', 'שלום عربي 租户'],
  ];
  for (const [value, html] of cases) assert.equal(esc(value), html);
});

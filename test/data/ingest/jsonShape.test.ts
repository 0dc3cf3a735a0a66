import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { jsonShapeOf, readHead, type JsonShape } from '../../../data/ingest/jsonShape.ts';
import { tempDir } from '../../helpers/tempWarehouse.ts';

const CASES: [string, string, JsonShape][] = [
  ['an array', '[{"id":"a"},{"id":"b"}]', 'array'],
  ['an indented array after blank lines and a BOM', '\uFEFF\n\n  [\n  {\n    "id": "a"\n  }\n]', 'array'],
  ['an empty array', '[]', 'array'],
  ['JSON Lines', '{"id":"a"}\n{"id":"b"}\n', 'lines'],
  ['one record on one line', '{"id":"a"}', 'lines'],
  ['a pretty-printed record', '{\n  "id": "a"\n}\n', 'documents'],
  ['pretty-printed records after CRLF blank lines (jq)', '\r\n{\r\n  "id": "a"\r\n}\r\n{\r\n  "id": "b"\r\n}\r\n', 'documents'],
  ['a truncated first line (a broken JSON Lines file)', '{"id":"a","inp\n{"id":"b"}\n', 'lines'],
  ['a lone brace', '{', 'lines'],
  ['a log line that is not JSON', 'INFO starting\n{"id":"a"}\n', 'lines'],
  ['an empty file', '', 'lines'],
];

test('the shape of a .json file is told by its first characters', () => {
  for (const [name, head, shape] of CASES) assert.equal(jsonShapeOf(head), shape, name);
});

test('the head of a gzip file is read decompressed, whatever its name, from a stream cut short', (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const big = JSON.stringify(Array.from({ length: 20000 }, (_, i) => ({ id: `r${i}`, input: 'x'.repeat(50) })), null, 2);
  const file = join(dir, 'export.json');
  writeFileSync(file, gzipSync(big));
  const head = readHead(file);
  assert.ok(head.length > 0 && big.startsWith(head), 'a prefix of the decompressed text');
  assert.equal(jsonShapeOf(head), 'array');
});

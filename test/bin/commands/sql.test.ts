import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Warehouse } from '../../../data/warehouse.ts';
import { runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/tempWarehouse.ts';

let path: string;
before(async () => {
  path = join(tempDir(), 'w.duckdb');
  (await Warehouse.open(path)).close();
});

// One row of every type an analyst meets, with values a lossy printer gets wrong.
const TYPES = `SELECT 170141183460469231731687303715884105727::HUGEINT AS huge, 9007199254740993::BIGINT AS big,
  123456789012345678.12::DECIMAL(20,2) AS money, TIMESTAMPTZ '2026-11-09 00:30:00.123456+00' AS at,
  TIMESTAMP '2026-11-09 00:30:00' AS wall, DATE '2026-11-09' AS day, 'infinity'::DATE AS open_day,
  TIME '12:34:56' AS t, TIMETZ '12:00:00+02' AS ttz, INTERVAL 90 MINUTE AS took, [1, NULL] AS list,
  {'n': 2::HUGEINT << 70, 'at': TIMESTAMPTZ '2026-11-09 00:00:00+00'} AS struct, MAP {'k': 1} AS map,
  '\\x00ab'::BLOB AS blob, NULL AS nothing, 'nan'::DOUBLE AS nan, '-inf'::DOUBLE AS minus_inf,
  '{"region":"eu","n":12345678901234567890}'::JSON AS metadata, '101'::BIT AS bits`;

test('assay sql --json keeps every value: big integers and decimals exact, microseconds, NaN apart from NULL, a JSON column as JSON, TIME and BLOB as text', async () => {
  const r = await runCli(['-w', path, '--json', 'sql', TYPES]);
  assert.equal(r.code, 0, r.stderr);
  // digits a JS number cannot hold are checked in the text; the rest parsed
  assert.match(r.stdout, /"huge": 170141183460469231731687303715884105727,/);
  assert.match(r.stdout, /"big": 9007199254740993,/);
  assert.match(r.stdout, /"money": 123456789012345678\.12,/);
  assert.match(r.stdout, /"n": 2361183241434822606848,/);
  assert.match(r.stdout, /"metadata": \{"region":"eu","n":12345678901234567890\},/);
  const [row] = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.deepEqual({ ...row, huge: 0, big: 0, money: 0, struct: { ...(row.struct as object), n: 0 }, metadata: { ...(row.metadata as object), n: 0 } }, {
    huge: 0, big: 0, money: 0, at: '2026-11-09T00:30:00.123456Z', wall: '2026-11-09T00:30:00.000', day: '2026-11-09',
    open_day: 'infinity', t: '12:34:56', ttz: '12:00:00+02', took: '01:30:00', list: [1, null],
    struct: { n: 0, at: '2026-11-09T00:00:00.000Z' }, map: [{ key: 'k', value: 1 }], blob: '\\x00ab', nothing: null,
    nan: 'NaN', minus_inf: '-Infinity', metadata: { region: 'eu', n: 0 }, bits: '101',
  });
});

test('assay sql --csv and the table print the same exact values, nested ones as JSON', async () => {
  const [csv, table] = await Promise.all([runCli(['-w', path, 'sql', '--csv', TYPES]), runCli(['-w', path, 'sql', TYPES])]);
  assert.equal(csv.code, 0, csv.stderr);
  const [header, line] = csv.stdout.trim().split('\n');
  assert.equal(header, 'huge,big,money,at,wall,day,open_day,t,ttz,took,list,struct,map,blob,nothing,nan,minus_inf,metadata,bits');
  assert.equal(
    line,
    '170141183460469231731687303715884105727,9007199254740993,123456789012345678.12,2026-11-09T00:30:00.123456Z,2026-11-09T00:30:00.000,' +
      '2026-11-09,infinity,12:34:56,12:00:00+02,01:30:00,"[1,null]","{""n"":2361183241434822606848,""at"":""2026-11-09T00:00:00.000Z""}",' +
      '"[{""key"":""k"",""value"":1}]",\\x00ab,,NaN,-Infinity,"{""region"":""eu"",""n"":12345678901234567890}",101',
  );
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout.split('\n')[2], /^170141183460469231731687303715884105727\s+9007199254740993\s+123456789012345678\.12\s+2026-11-09T00:30:00\.123456Z\s/);
  assert.match(table.stdout, /\(1 rows\)\n$/);
});

test('two columns of the same name (a join\'s two statuses) each show their own values, named as DuckDB names them (status_1)', async () => {
  const q = `SELECT d.status, e.status FROM (SELECT 1 AS id, 'failed' AS status) d JOIN (SELECT 1 AS id, 'firing' AS status) e USING (id)`;
  const [csv, json] = await Promise.all([runCli(['-w', path, 'sql', '--csv', q]), runCli(['-w', path, '--json', 'sql', q])]);
  assert.equal(csv.stdout, 'status,status_1\nfailed,firing\n');
  assert.deepEqual(JSON.parse(json.stdout), [{ status: 'failed', status_1: 'firing' }]);
});

test('an empty query (only comments or semicolons) is a usage error that says so', async () => {
  const [empty, comment, bad] = await Promise.all([
    runCli(['-w', path, 'sql', '']),
    runCli(['-w', path, 'sql', '-- nothing here\n;']),
    runCli(['-w', path, '--json', 'sql', 'SELECT nosuch FROM records']),
  ]);
  for (const r of [empty, comment]) {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /the query holds no statement/);
    assert.doesNotMatch(r.stderr, /native callback/);
  }
  assert.equal(bad.code, 2);
  assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'ASSAY_ERR_SQL', 'the error alone on stdout, no half array before it');
});

test('a large result is streamed, not held: 600k rows print in a 64 MB heap', async () => {
  const r = await runCli(['-w', path, 'sql', '--csv', 'SELECT range AS n FROM range(600000)'], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
  assert.equal(r.code, 0, r.stderr.slice(-500));
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 600001);
  assert.equal(lines.at(-1), '599999');
});

test('the table output keeps a wide value past the first rows whole, not clipped to the first rows\' width', async () => {
  const r = await runCli(['-w', path, 'sql', 'SELECT range AS n FROM range(1010)']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^1009$/m);
  assert.doesNotMatch(r.stdout, /…/);
});

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sqlLiteral } from '../../data/sql.ts';
import { fixture, ingest, quarantineRows, storedRecords, type StoredRecord } from '../helpers/ingest.ts';
import { tempWarehouse, withWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

/** What test/fixtures/ingest/canonical.{jsonl,csv} must become: typed, zoned to UTC, text redacted. */
const EXPECTED: StoredRecord[] = [
  {
    id: 'req_001', ts: '2026-11-02T10:00:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18',
    prompt_version: 'triage-v3', input: 'I was charged twice, write to [EMAIL]', output: '{"category":"billing"}', category: 'billing',
    confidence: 0.91, input_tokens: 420, output_tokens: 6, cached_input_tokens: 256, latency_ms: 812.5, status: 'ok', fallback: false,
    human_override: false, metadata: { region: 'us', channel: 'web' },
  },
  {
    id: 'req_002', ts: '2026-11-02T11:30:00.000Z', tenant_id: 'acme', workflow: 'support_triage', model: 'gpt-4o-mini-2024-07-18',
    prompt_version: 'triage-v3', input: 'asdf qwerty', output: null, category: 'unknown', confidence: 0.2, input_tokens: 388,
    output_tokens: 0, cached_input_tokens: 0, latency_ms: 95, status: 'error', fallback: false, human_override: false, metadata: null,
  },
  {
    id: 'req_003', ts: '2026-11-02T13:00:00.000Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'claude-sonnet-4-20250514',
    prompt_version: 'reply-v8', input: 'Draft a reply to: where is order ORD-10042?', output: 'Your order ships tomorrow.', category: 'answer',
    confidence: null, input_tokens: 910, output_tokens: 312, cached_input_tokens: 0, latency_ms: 5321.25, status: 'ok', fallback: false,
    human_override: true, metadata: null,
  },
  {
    id: 'req_004', ts: '2026-11-02T14:00:00.250Z', tenant_id: 'globex', workflow: 'draft_reply', model: 'gpt-4o-2024-08-06',
    prompt_version: 'reply-v8', input: 'Call me on [PHONE]', output: null, category: null, confidence: null, input_tokens: 870,
    output_tokens: 0, cached_input_tokens: 0, latency_ms: 30000, status: 'timeout', fallback: true, human_override: false, metadata: null,
  },
  {
    id: 'req_005', ts: '2026-11-03T08:15:00.000Z', tenant_id: 'initech', workflow: 'summarize_ticket', model: 'gemini-2.0-flash',
    prompt_version: 'summ-v4', input: 'Summarize ticket #50012', output: 'Login fails after update.', category: 'high', confidence: 1,
    input_tokens: 1600, output_tokens: 180, cached_input_tokens: 0, latency_ms: 1400, status: 'ok', fallback: false,
    human_override: false, metadata: { region: 'eu' },
  },
];

async function lines(t: TempWarehouse): Promise<Record<string, number>> {
  const rows = await t.wh.all<{ id: string; source_line: number }>('SELECT id, source_line FROM records ORDER BY id');
  return Object.fromEntries(rows.map((r) => [r.id, r.source_line]));
}

test('a JSONL file of canonical records is stored with typed UTC values and redacted text', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('canonical.jsonl')] });
    assert.deepEqual(
      { read: r.result.counts.read, loaded: r.result.counts.loaded, quarantined: r.result.counts.quarantined },
      { read: 5, loaded: 5, quarantined: 0 },
    );
    assert.deepEqual(await storedRecords(t.wh), EXPECTED);
    assert.deepEqual(await lines(t), { req_001: 1, req_002: 2, req_003: 3, req_004: 4, req_005: 5 });
    const run = await t.wh.one<{ status: string; counts: string }>(`SELECT status, counts FROM job_runs WHERE run_id = $1`, [r.runId]);
    assert.equal(run?.status, 'succeeded');
    assert.equal(JSON.parse(run!.counts).loaded, 5);
    const batch = await t.wh.one('SELECT records_read, records_loaded, records_quarantined, records_duplicate, sample_rate FROM ingest_batches');
    assert.deepEqual(batch, { records_read: 5, records_loaded: 5, records_quarantined: 0, records_duplicate: 0, sample_rate: 1 });
  }));

test('CSV, Parquet and gzip-compressed JSONL and CSV store the same records, with their own line numbers', () =>
  withWarehouse(async (t) => {
    const dir = join(t.dir, 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'canonical.jsonl.gz'), gzipSync(readFileSync(fixture('canonical.jsonl'))));
    writeFileSync(join(dir, 'canonical.csv.gz'), gzipSync(readFileSync(fixture('canonical.csv'))));
    copyFileSync(fixture('canonical.csv'), join(dir, 'canonical.csv'));
    // A typed Parquet export (timestamps, integers, JSON metadata), as another tool would write it.
    await t.wh.run(
      `COPY (SELECT * REPLACE (CAST(ts AS TIMESTAMPTZ) AS ts) FROM read_json(${sqlLiteral(fixture('canonical.jsonl'))},
         columns = {id: 'VARCHAR', ts: 'VARCHAR', tenant_id: 'VARCHAR', workflow: 'VARCHAR', model: 'VARCHAR', prompt_version: 'VARCHAR',
                    input: 'VARCHAR', output: 'VARCHAR', category: 'VARCHAR', confidence: 'DOUBLE', input_tokens: 'BIGINT',
                    output_tokens: 'BIGINT', cached_input_tokens: 'BIGINT', latency_ms: 'DOUBLE', status: 'VARCHAR',
                    fallback: 'BOOLEAN', human_override: 'BOOLEAN', metadata: 'JSON'}))
       TO ${sqlLiteral(join(dir, 'canonical.parquet'))} (FORMAT parquet)`,
    );
    const csvLines = { req_001: 2, req_002: 3, req_003: 4, req_004: 5, req_005: 6 };
    const jsonLines = { req_001: 1, req_002: 2, req_003: 3, req_004: 4, req_005: 5 };
    for (const [name, expectedLines] of [
      ['canonical.jsonl.gz', jsonLines],
      ['canonical.csv', csvLines],
      ['canonical.csv.gz', csvLines],
      ['canonical.parquet', jsonLines],
    ] as const) {
      const one = await tempWarehouse();
      try {
        const r = await ingest(one, { paths: [join(dir, name)] });
        assert.equal(r.result.counts.loaded, 5, name);
        assert.deepEqual(await storedRecords(one.wh), EXPECTED, name);
        assert.deepEqual(await lines(one), expectedLines, name);
      } finally {
        one.cleanup();
      }
    }
  }));

test('a .json file holding one JSON array of records, pretty-printed or on one line, plain or gzip, loads; a record\'s line is its element\'s index', () =>
  withWarehouse(async (t) => {
    const records = readFileSync(fixture('canonical.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const dir = join(t.dir, 'arrays');
    mkdirSync(dir);
    // As exporters write them: indented with a BOM, minified on a single line, and gzip-compressed.
    writeFileSync(join(dir, 'pretty.json'), `\uFEFF${JSON.stringify(records, null, 2)}\n`);
    writeFileSync(join(dir, 'minified.json'), JSON.stringify(records));
    writeFileSync(join(dir, 'export.json.gz'), gzipSync(JSON.stringify(records, null, 1)));
    for (const name of ['pretty.json', 'minified.json', 'export.json.gz']) {
      const one = await tempWarehouse();
      try {
        const r = await ingest(one, { paths: [join(dir, name)] });
        assert.deepEqual(r.result.output.files.map((f) => f.format), ['json_array'], name);
        assert.deepEqual(await storedRecords(one.wh), EXPECTED, name);
        assert.deepEqual(await lines(one), { req_001: 1, req_002: 2, req_003: 3, req_004: 4, req_005: 5 }, name);
      } finally {
        one.cleanup();
      }
    }
  }));

test('elements of a JSON array that are not good records are quarantined at their index; a file with a single object loads it', () =>
  withWarehouse(async (t) => {
    const [first, second] = readFileSync(fixture('canonical.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const file = join(t.dir, 'mixed.json');
    writeFileSync(file, JSON.stringify([first, 42, { ...second, input_tokens: -1 }, null, { ...second, id: 'req_010' }], null, 2));
    const single = join(t.dir, 'req_020.json');
    writeFileSync(single, `${JSON.stringify({ ...first, id: 'req_020' }, null, 2)}\n`);
    const r = await ingest(t, { paths: [file, single] });
    assert.deepEqual(r.result.output.files.map((f) => [f.format, f.rows]), [['json_array', 5], ['json_documents', 1]]);
    // The raw text is the element as it stands in the file.
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.file, q.line, q.reason, q.field, JSON.parse(q.raw!)]), [
      ['mixed.json', 2, 'not_an_object', null, 42],
      ['mixed.json', 3, 'negative_value', 'input_tokens', { ...second, input_tokens: -1 }],
      ['mixed.json', 4, 'not_an_object', null, null],
    ]);
    const stored = await t.wh.all(`SELECT id, regexp_extract(source_file, '[^/]+$') AS file, source_line FROM records ORDER BY id`);
    assert.deepEqual(stored, [
      { id: 'req_001', file: 'mixed.json', source_line: 1 },
      { id: 'req_010', file: 'mixed.json', source_line: 5 },
      { id: 'req_020', file: 'req_020.json', source_line: 1 },
    ]);
  }));

test('a .json file of JSON Lines still reads as lines, and a broken JSON array fails the run naming the file', () =>
  withWarehouse(async (t) => {
    const lines = join(t.dir, 'lines.json');
    copyFileSync(fixture('planted_bad.jsonl'), lines);
    const r = await ingest(t, { paths: [lines] });
    assert.deepEqual([r.result.output.files[0].format, r.result.counts.loaded, r.result.counts.quarantined], ['jsonl', 3, 12]);
    const truncated = join(t.dir, 'truncated.json');
    const text = JSON.stringify(readFileSync(fixture('canonical.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown), null, 2);
    writeFileSync(truncated, text.slice(0, text.length / 2));
    await assert.rejects(ingest(t, { paths: [fixture('canonical.jsonl'), truncated] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_UNREADABLE');
      assert.match(e.message, /Cannot read .*truncated\.json as a JSON array of records: .*Malformed JSON/);
      return true;
    });
    assert.equal((await t.wh.one<{ n: number }>(`SELECT count(*) AS n FROM records WHERE source_file LIKE '%canonical.jsonl'`))?.n, 0);
  }));

test('the same records re-delivered in another format are duplicates, not conflicts', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('canonical.jsonl')] });
    const again = await ingest(t, { paths: [fixture('canonical.csv')] });
    assert.deepEqual(
      { loaded: again.result.counts.loaded, duplicates: again.result.counts.duplicates, conflicts: again.result.counts.conflicts },
      { loaded: 0, duplicates: 5, conflicts: 0 },
    );
    // as Parquet written from the same lines: its metadata column is a struct of every key, null where a record has none
    const parquet = join(t.dir, 'canonical.parquet');
    await t.wh.run(`COPY (SELECT * FROM read_json(${sqlLiteral(fixture('canonical.jsonl'))})) TO ${sqlLiteral(parquet)} (FORMAT parquet)`);
    const asParquet = await ingest(t, { paths: [parquet] });
    assert.deepEqual([asParquet.result.counts.duplicates, asParquet.result.counts.conflicts], [5, 0]);
  }));

test('re-delivered with metadata as a JSON string with spaces, or as CSV with an empty input, a record is a duplicate', () =>
  withWarehouse(async (t) => {
    const rec = (id: string, over: Record<string, unknown>) => ({
      id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'wf', model: 'm', prompt_version: 'v1', input: '', output: 'ok', category: 'c',
      confidence: 0.5, input_tokens: 1, output_tokens: 1, latency_ms: 10, status: 'ok', fallback: false, human_override: false, ...over,
    });
    const first = join(t.dir, 'first.jsonl');
    writeFileSync(first, [rec('m1', { metadata: { a: 1, b: 'x y' } }), rec('m2', { metadata: { a: 1 } }), rec('m3', { metadata: { o: { x: 1, y: [{ p: 1, q: 2 }] }, k: 'v' } })]
      .map((r) => JSON.stringify(r)).join('\n'));
    await ingest(t, { paths: [first] });
    // the same objects as JSON strings, as Python's json.dumps writes them (spaces after ':' and ',')
    const asText = join(t.dir, 'again.jsonl');
    writeFileSync(asText, [rec('m1', { metadata: '{"a": 1, "b": "x y"}' }), rec('m2', { metadata: '{"a": 1}' })].map((r) => JSON.stringify(r)).join('\n'));
    const r1 = await ingest(t, { paths: [asText] });
    assert.deepEqual([r1.result.counts.duplicates, r1.result.counts.conflicts], [2, 0]);
    // a CSV cannot tell an empty input from none
    const csv = join(t.dir, 'again.csv');
    writeFileSync(csv, 'id,ts,tenant_id,workflow,model,prompt_version,input,output,category,confidence,input_tokens,output_tokens,latency_ms,status,fallback,human_override,metadata\n'
      + 'm2,2026-11-02T10:00:00Z,acme,wf,m,v1,,ok,c,0.5,1,1,10,ok,false,false,"{""a"": 1}"\n');
    const r2 = await ingest(t, { paths: [csv] });
    assert.deepEqual([r2.result.counts.duplicates, r2.result.counts.conflicts], [1, 0]);
    // the same object with its keys in another order, nested ones too, as another serializer writes it
    const reordered = join(t.dir, 'reordered.jsonl');
    writeFileSync(reordered, [rec('m1', { metadata: { b: 'x y', a: 1 } }), rec('m3', { metadata: { k: 'v', o: { y: [{ q: 2, p: 1 }], x: 1 } } })].map((r) => JSON.stringify(r)).join('\n'));
    const r3 = await ingest(t, { paths: [reordered] });
    assert.deepEqual([r3.result.counts.duplicates, r3.result.counts.conflicts], [2, 0]);
    // a key holding null is no key (a Parquet file's struct column gives every row every key)
    const nulls = join(t.dir, 'nulls.jsonl');
    writeFileSync(nulls, JSON.stringify(rec('m2', { metadata: { a: 1, channel: null } })));
    const r4 = await ingest(t, { paths: [nulls] });
    assert.deepEqual([r4.result.counts.duplicates, r4.result.counts.conflicts], [1, 0]);
    // a real change is still one: another value, a number sent as text, a key more (twice)
    const changed = join(t.dir, 'changed.jsonl');
    writeFileSync(changed, [{ a: 2 }, { a: '1' }, { c: 0, a: 1 }, { a: 1, l: [1, 2] }].map((metadata) => JSON.stringify(rec('m2', { metadata }))).join('\n'));
    const r5 = await ingest(t, { paths: [changed] });
    assert.deepEqual([r5.result.counts.duplicates, r5.result.counts.conflicts], [0, 4]);
    // stored minified, whichever way it came
    assert.deepEqual(await t.wh.all(`SELECT CAST(metadata AS VARCHAR) AS m FROM records ORDER BY id`), [
      { m: '{"a":1,"b":"x y"}' }, { m: '{"a":1}' }, { m: '{"o":{"x":1,"y":[{"p":1,"q":2}]},"k":"v"}' },
    ]);
  }));

test('a directory of daily files loads every supported file in name order and skips the rest', () =>
  withWarehouse(async (t) => {
    const dir = join(t.dir, 'daily');
    mkdirSync(dir);
    const src = readFileSync(fixture('canonical.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, '2026-11-01.jsonl'), `${src.slice(0, 2).join('\n')}\n`);
    writeFileSync(join(dir, '2026-11-02.jsonl.gz'), gzipSync(`${src.slice(2, 4).join('\n')}\n`));
    writeFileSync(join(dir, '2026-11-03.ndjson'), `${src[4]}\n`);
    // A day without traffic: an empty export is no rows, not an error.
    writeFileSync(join(dir, '2026-11-04.csv'), '');
    writeFileSync(join(dir, 'README.txt'), 'not a log\n');
    mkdirSync(join(dir, 'archive'));
    const r = await ingest(t, { paths: [dir] });
    assert.deepEqual(
      r.result.output.files.map((f) => [f.path.slice(dir.length + 1), f.rows]),
      [['2026-11-01.jsonl', 2], ['2026-11-02.jsonl.gz', 2], ['2026-11-03.ndjson', 1], ['2026-11-04.csv', 0]],
    );
    const rows = await t.wh.all<{ id: string; file: string; source_line: number }>(
      `SELECT id, regexp_extract(source_file, '[^/]+$') AS file, source_line FROM records ORDER BY id`,
    );
    assert.deepEqual(rows, [
      { id: 'req_001', file: '2026-11-01.jsonl', source_line: 1 },
      { id: 'req_002', file: '2026-11-01.jsonl', source_line: 2 },
      { id: 'req_003', file: '2026-11-02.jsonl.gz', source_line: 1 },
      { id: 'req_004', file: '2026-11-02.jsonl.gz', source_line: 2 },
      { id: 'req_005', file: '2026-11-03.ndjson', source_line: 1 },
    ]);
  }));

test('a glob loads exactly the files it matches', () =>
  withWarehouse(async (t) => {
    const dir = join(t.dir, 'logs');
    mkdirSync(dir);
    const src = readFileSync(fixture('canonical.jsonl'), 'utf8').trim().split('\n');
    src.forEach((line, i) => writeFileSync(join(dir, `${i < 3 ? 'eu' : 'us'}-${i}.jsonl`), `${line}\n`));
    const r = await ingest(t, { paths: [join(dir, 'eu-*.jsonl')] });
    assert.equal(r.result.counts.files, 3);
    assert.deepEqual((await storedRecords(t.wh)).map((x) => x.id), ['req_001', 'req_002', 'req_003']);
  }));

test('a path that does not exist fails the run naming the path, and loads nothing', () =>
  withWarehouse(async (t) => {
    await assert.rejects(ingest(t, { paths: [fixture('canonical.jsonl'), join(t.dir, 'missing.jsonl')] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_NOT_FOUND');
      assert.match(e.message, /missing\.jsonl/);
      return true;
    });
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
    const run = await t.wh.one<{ status: string; error_code: string }>(`SELECT status, error_code FROM job_runs WHERE job = 'ingest'`);
    assert.deepEqual(run, { status: 'failed', error_code: 'ASSAY_ERR_INPUT_NOT_FOUND' });
  }));

test('loading the same file twice adds nothing the second time and counts every record as a duplicate', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('canonical.jsonl')] });
    const before = await storedRecords(t.wh);
    const again = await ingest(t, { paths: [fixture('canonical.jsonl')] });
    assert.deepEqual(
      { loaded: again.result.counts.loaded, duplicates: again.result.counts.duplicates, conflicts: again.result.counts.conflicts },
      { loaded: 0, duplicates: 5, conflicts: 0 },
    );
    assert.deepEqual(await storedRecords(t.wh), before);
  }));

test('a re-delivered id with different content is reported as a conflict and the stored row is kept', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('canonical.jsonl')] });
    const changed = readFileSync(fixture('canonical.jsonl'), 'utf8').replace('"output_tokens":6', '"output_tokens":60');
    const file = join(t.dir, 'redelivery.jsonl');
    // The changed record, and within the same file a second, different copy of a new id: the first copy wins.
    const fresh = JSON.stringify({ ...EXPECTED[4], id: 'req_006', metadata: undefined });
    writeFileSync(file, `${changed.split('\n')[0]}\n${fresh}\n${fresh.replace('"category":"high"', '"category":"low"')}\n`);
    const r = await ingest(t, { paths: [file] });
    assert.deepEqual(
      { loaded: r.result.counts.loaded, duplicates: r.result.counts.duplicates, conflicts: r.result.counts.conflicts },
      { loaded: 1, duplicates: 0, conflicts: 2 },
    );
    const conflicts = await t.wh.all<{ id: string; source_line: number; fields: string[] }>(
      `SELECT id, source_line, fields FROM ingest_conflicts WHERE ingest_run_id = $1 ORDER BY source_line`,
      [r.runId],
    );
    assert.deepEqual(conflicts, [
      { id: 'req_001', source_line: 1, fields: ['output_tokens'] },
      { id: 'req_006', source_line: 3, fields: ['category'] },
    ]);
    const stored = await t.wh.all<{ id: string; output_tokens: number; category: string }>(
      `SELECT id, output_tokens, category FROM records WHERE id IN ('req_001', 'req_006') ORDER BY id`,
    );
    assert.deepEqual(stored, [{ id: 'req_001', output_tokens: 6, category: 'billing' }, { id: 'req_006', output_tokens: 180, category: 'high' }]);
  }));

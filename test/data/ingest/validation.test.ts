import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { REASONS } from '../../../data/ingest/compile.ts';
import { ROOT } from '../../helpers/cli.ts';
import { fixture, ingest, quarantineRows } from '../../helpers/ingest.ts';
import { tempWarehouse } from '../../helpers/tempWarehouse.ts';

/** [line, reason, field] of every planted bad line of test/fixtures/ingest/planted_bad.jsonl (lines 2 and 11 are blank). */
const JSONL_BAD: [number, string, string | null][] = [
  [3, 'malformed_json', null],
  [5, 'missing_field', 'tenant_id'],
  [6, 'ill_typed', 'input_tokens'],
  [7, 'bad_timestamp', 'ts'],
  [8, 'negative_value', 'latency_ms'],
  [9, 'out_of_range', 'confidence'],
  [10, 'unknown_status', 'status'],
  [12, 'not_an_object', null],
  [13, 'missing_field', 'id'],
  [14, 'ill_typed', 'output_tokens'],
  [15, 'negative_value', 'input_tokens'],
  [16, 'ill_typed', 'fallback'],
];

test('planted bad JSONL lines are quarantined with their reason, field and physical line; blank lines are skipped', async () => {
  const t = await tempWarehouse();
  try {
    const r = await ingest(t, { paths: [fixture('planted_bad.jsonl')] });
    assert.deepEqual(
      { read: r.result.counts.read, loaded: r.result.counts.loaded, quarantined: r.result.counts.quarantined },
      { read: 15, loaded: 3, quarantined: 12 },
    );
    const rows = await quarantineRows(t.wh);
    assert.deepEqual(rows.map((q) => [q.line, q.reason, q.field]), JSONL_BAD);
    assert.ok(rows.every((q) => q.file === 'planted_bad.jsonl'));
    const ids = await t.wh.all<{ id: string; source_line: number }>('SELECT id, source_line FROM records ORDER BY source_line');
    assert.deepEqual(ids, [{ id: 'good_1', source_line: 1 }, { id: 'good_2', source_line: 4 }, { id: 'good_3', source_line: 17 }]);
    // The raw record is kept for the operator, as received apart from redaction.
    const lines = readFileSync(fixture('planted_bad.jsonl'), 'utf8').split('\n');
    assert.equal(rows.find((q) => q.line === 3)?.raw, lines[2]);
    assert.equal(
      rows.find((q) => q.line === 15)?.raw,
      lines[14].replace('4111 1111 1111 1111', '[CARD]').replace('bob@example.com', '[EMAIL]'),
    );
    const reasons = Object.fromEntries(r.result.output.quarantine_reasons.map((x) => [`${x.reason}/${x.field ?? ''}`, x.records]));
    assert.equal(reasons['negative_value/latency_ms'], 1);
    assert.equal(reasons['missing_field/tenant_id'], 1);
  } finally {
    t.cleanup();
  }
});

test('the same planted file gzip-compressed gives the same quarantine lines', async () => {
  const t = await tempWarehouse();
  try {
    const gz = join(t.dir, 'planted_bad.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('planted_bad.jsonl'))));
    await ingest(t, { paths: [gz] });
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), JSONL_BAD);
  } finally {
    t.cleanup();
  }
});

test('the planted file without its blank lines is parsed by the JSON reader: the same reasons, fields and redacted raw text, at its lines', async () => {
  const t = await tempWarehouse();
  try {
    const lines = readFileSync(fixture('planted_bad.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const file = join(t.dir, 'no_blanks.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await ingest(t, { paths: [file] });
    assert.deepEqual(r.result.output.files.map((f) => [f.format, f.reader, f.rows]), [['jsonl', 'json', 15]]);
    assert.deepEqual([r.result.counts.read, r.result.counts.loaded, r.result.counts.quarantined], [15, 3, 12]);
    // lines 2 and 11 of the planted file were blank: the lines after them move up
    const moved = (line: number) => line - (line > 11 ? 2 : line > 2 ? 1 : 0);
    const rows = await quarantineRows(t.wh);
    assert.deepEqual(rows.map((q) => [q.line, q.reason, q.field]), JSONL_BAD.map(([line, reason, field]) => [moved(line), reason, field]));
    assert.equal(rows.find((q) => q.line === moved(3))?.raw, lines[moved(3) - 1]);
    assert.equal(
      rows.find((q) => q.line === moved(15))?.raw,
      lines[moved(15) - 1].replace('4111 1111 1111 1111', '[CARD]').replace('bob@example.com', '[EMAIL]'),
    );
    const ids = await t.wh.all<{ id: string; source_line: number }>('SELECT id, source_line FROM records ORDER BY source_line');
    assert.deepEqual(ids, [{ id: 'good_1', source_line: 1 }, { id: 'good_2', source_line: moved(4) }, { id: 'good_3', source_line: moved(17) }]);
  } finally {
    t.cleanup();
  }
});

test('CRLF line endings give the same line numbers as LF', async () => {
  const t = await tempWarehouse();
  try {
    const crlf = join(t.dir, 'crlf.jsonl');
    writeFileSync(crlf, readFileSync(fixture('planted_bad.jsonl'), 'utf8').replaceAll('\n', '\r\n'));
    const r = await ingest(t, { paths: [crlf] });
    assert.equal(r.result.counts.loaded, 3);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), JSONL_BAD);
  } finally {
    t.cleanup();
  }
});

test('planted bad CSV rows are quarantined at their physical line, quoted multi-line fields and doubled quotes read right', async () => {
  const t = await tempWarehouse();
  try {
    const r = await ingest(t, { paths: [fixture('planted_bad.csv')] });
    const rows = await quarantineRows(t.wh);
    assert.deepEqual(rows.map((q) => [q.line, q.reason, q.field]), [
      [6, 'malformed_csv', null],
      [7, 'negative_value', 'output_tokens'],
      [9, 'malformed_csv', null],
      [10, 'bad_timestamp', 'ts'],
      [12, 'malformed_csv', null],
    ]);
    // A row that failed validation is kept as the fields it parsed into; its text is redacted too.
    assert.equal(JSON.parse(rows[1].raw!).input, 'call [PHONE]');
    // An unterminated quote swallows the rest of the file: the record that vanished into it is in the raw text.
    assert.match(rows[4].raw!, /^bad_quote,/);
    const good = await t.wh.all<{ id: string; source_line: number; input: string }>('SELECT id, source_line, input FROM records ORDER BY source_line');
    assert.deepEqual(good, [
      { id: 'good_1', source_line: 2, input: 'hi' },
      { id: 'good_2', source_line: 4, input: 'Hello, this spans\ntwo lines' },
      { id: 'good_3', source_line: 8, input: 'say "hi"' },
      { id: 'good_4', source_line: 11, input: 'hi' },
    ]);
    assert.equal(r.result.counts.quarantined, 5);
  } finally {
    t.cleanup();
  }
});

const CSV_HEADER = 'id,ts,tenant_id,workflow,model,prompt_version,input,output,input_tokens,output_tokens,latency_ms,status,fallback,human_override';
const csvRow = (id: string, input: string) => `${id},2026-11-02T10:00:00Z,acme,wf,m,v1,${input},out,1,2,3,ok,false,false`;

test('a quote inside an unquoted CSV field is text, as the parser reads it: no record after it is lost or misplaced', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'inches.csv');
    writeFileSync(file, `${[CSV_HEADER, csvRow('a', 'a 27" monitor'), csvRow('b', '"quoted, with a comma"'), csvRow('c', 'x"y'), '', csvRow('d', 'ok')].join('\n')}\n`);
    const r = await ingest(t, { paths: [file] });
    assert.deepEqual([r.result.counts.read, r.result.counts.loaded], [4, 4]);
    const rows = await t.wh.all<{ id: string; source_line: number; input: string }>('SELECT id, source_line, input FROM records ORDER BY id');
    assert.deepEqual(rows, [
      { id: 'a', source_line: 2, input: 'a 27" monitor' },
      { id: 'b', source_line: 3, input: 'quoted, with a comma' },
      { id: 'c', source_line: 4, input: 'x"y' },
      { id: 'd', source_line: 6, input: 'ok' },
    ]);
  } finally {
    t.cleanup();
  }
});

test('a CSV file whose broken quoting the parser recovers from by skipping records fails, naming the file, instead of losing them', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'broken.csv');
    // Two spaces before '"' make it text, the next field opens a quote, and the parser's recovery from the
    // rows that follow skips records.
    writeFileSync(file, `${[CSV_HEADER, csvRow('a', '  "," '), csvRow('b', '""" "'), csvRow('c', '')].join('\n')}\n`);
    await assert.rejects(ingest(t, { paths: [file] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_UNREADABLE');
      assert.match(e.message, /broken\.csv: the CSV parser read \d+ records where \d+ start on their own lines; its quoting is broken/);
      return true;
    });
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
  } finally {
    t.cleanup();
  }
});

test('a semicolon-delimited CSV with a BOM is read by its header', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'export.csv');
    const csv = readFileSync(fixture('canonical.csv'), 'utf8').split('\n').slice(0, 3).join('\n');
    // Re-delimit: the canonical fixture's quoted fields contain commas but no semicolons.
    const semi = csv.replace(/("(?:[^"]|"")*")|,/g, (m, quoted: string | undefined) => quoted ?? ';');
    writeFileSync(file, `\uFEFF${semi}\n`);
    const r = await ingest(t, { paths: [file] });
    assert.equal(r.result.counts.loaded, 2);
    const first = await t.wh.one<{ input: string; cached_input_tokens: number }>(`SELECT input, cached_input_tokens FROM records WHERE id = 'req_001'`);
    assert.deepEqual(first, { input: 'I was charged twice, write to [EMAIL]', cached_input_tokens: 256 });
  } finally {
    t.cleanup();
  }
});

test('a CSV file without a usable header is an error naming the file and line 1', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'noheader.csv');
    writeFileSync(file, 'id,,model\nx,y,z\n');
    await assert.rejects(ingest(t, { paths: [file] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_UNREADABLE');
      assert.match(e.message, /noheader\.csv:1: .*column 2 has no name/);
      return true;
    });
  } finally {
    t.cleanup();
  }
});

test('every quarantine reason is documented in docs/ingest.md, and the planted files give only catalogued ones', async () => {
  const doc = readFileSync(join(ROOT, 'docs', 'ingest.md'), 'utf8');
  assert.deepEqual(REASONS.filter((r) => !doc.includes(`| \`${r}\` |`)), []);
  const t = await tempWarehouse();
  try {
    await ingest(t, { paths: [fixture('planted_bad.jsonl'), fixture('planted_bad.csv')] });
    const seen = (await t.wh.all<{ reason: string }>('SELECT DISTINCT reason FROM quarantine')).map((r) => r.reason);
    assert.deepEqual(seen.filter((r) => !(REASONS as readonly string[]).includes(r)), []);
  } finally {
    t.cleanup();
  }
});

test('a line longer than 16 MiB fails the run naming the file and the line, and loads nothing', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'huge.jsonl');
    const good = readFileSync(fixture('canonical.jsonl'), 'utf8');
    writeFileSync(file, `${good}{"id":"huge","input":"${'x'.repeat(17 * 2 ** 20)}"}\n`);
    await assert.rejects(ingest(t, { paths: [file] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_UNREADABLE');
      assert.match(e.message, /huge\.jsonl:6: line longer than 16 MiB/);
      return true;
    });
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
  } finally {
    t.cleanup();
  }
});

test('a directory of daily JSON Lines files (plain, gzip, CRLF, one empty) read in one scan keeps every line number and count per file', async () => {
  const t = await tempWarehouse();
  try {
    const dir = join(t.dir, 'daily');
    mkdirSync(dir);
    const planted = readFileSync(fixture('planted_bad.jsonl'), 'utf8');
    const day = (d: string) => planted.replaceAll('"id":"good_', `"id":"${d}_good_`);
    writeFileSync(join(dir, '2026-11-02.jsonl'), day('d1'));
    writeFileSync(join(dir, '2026-11-03.jsonl'), '');
    writeFileSync(join(dir, '2026-11-04.jsonl.gz'), gzipSync(day('d3')));
    writeFileSync(join(dir, '2026-11-05.jsonl'), day('d4').replaceAll('\n', '\r\n'));
    const r = await ingest(t, { paths: [dir] });
    assert.deepEqual(
      r.result.output.files.map((f) => [f.path.replace(/^.*\//, ''), f.rows]),
      [['2026-11-02.jsonl', 15], ['2026-11-03.jsonl', 0], ['2026-11-04.jsonl.gz', 15], ['2026-11-05.jsonl', 15]],
    );
    assert.deepEqual({ loaded: r.result.counts.loaded, quarantined: r.result.counts.quarantined }, { loaded: 9, quarantined: 36 });
    const rows = await quarantineRows(t.wh);
    for (const file of ['2026-11-02.jsonl', '2026-11-04.jsonl.gz', '2026-11-05.jsonl']) {
      assert.deepEqual(rows.filter((q) => q.file === file).map((q) => [q.line, q.reason, q.field]), JSONL_BAD, file);
    }
    const good = await t.wh.all<{ file: string; id: string; source_line: number }>(
      `SELECT regexp_extract(source_file, '[^/]+$') AS file, id, source_line FROM records ORDER BY source_file, source_line`,
    );
    assert.deepEqual(good.map((g) => `${g.file}:${g.source_line}:${g.id}`), [
      '2026-11-02.jsonl:1:d1_good_1', '2026-11-02.jsonl:4:d1_good_2', '2026-11-02.jsonl:17:d1_good_3',
      '2026-11-04.jsonl.gz:1:d3_good_1', '2026-11-04.jsonl.gz:4:d3_good_2', '2026-11-04.jsonl.gz:17:d3_good_3',
      '2026-11-05.jsonl:1:d4_good_1', '2026-11-05.jsonl:4:d4_good_2', '2026-11-05.jsonl:17:d4_good_3',
    ]);
  } finally {
    t.cleanup();
  }
});

test('an unreadable file among daily JSON Lines files fails the run naming that file, and loads nothing', async () => {
  const t = await tempWarehouse();
  try {
    const dir = join(t.dir, 'daily');
    mkdirSync(dir);
    const good = readFileSync(fixture('canonical.jsonl'), 'utf8');
    writeFileSync(join(dir, '2026-11-02.jsonl'), good);
    writeFileSync(join(dir, '2026-11-03.jsonl.gz'), 'this is not gzip data at all');
    writeFileSync(join(dir, '2026-11-04.jsonl'), good.replaceAll('"id":"', '"id":"d3_'));
    await assert.rejects(ingest(t, { paths: [dir] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_INPUT_UNREADABLE');
      assert.match(e.message, /2026-11-03\.jsonl\.gz/);
      assert.doesNotMatch(e.message, /2026-11-0[24]\.jsonl\b/);
      return true;
    });
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 0);
  } finally {
    t.cleanup();
  }
});

test('NUL bytes (a zero-filled block after a crash, a stray NUL in a line) are quarantined at their line, never skipped as blank', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'nul.jsonl');
    const good = readFileSync(fixture('canonical.jsonl'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, `${good[0]}\n${'\0'.repeat(64)}\n${good[1]}\0tail\n${good[2]}\n`);
    const r = await ingest(t, { paths: [file] });
    assert.deepEqual({ read: r.result.counts.read, loaded: r.result.counts.loaded, quarantined: r.result.counts.quarantined }, { read: 4, loaded: 2, quarantined: 2 });
    const rows = await quarantineRows(t.wh);
    assert.deepEqual(rows.map((q) => [q.line, q.reason]), [[2, 'malformed_json'], [3, 'malformed_json']]);
    assert.equal(rows[1].raw, `${good[1]}\0tail`);
  } finally {
    t.cleanup();
  }
});

test('a failed or timed-out call without token counts loads with 0 tokens (it counts as an error, not as a bad record); an ok one is still missing_field; more cached than input tokens is out_of_range', async () => {
  const base = JSON.parse(readFileSync(fixture('canonical.jsonl'), 'utf8').split('\n')[0]) as Record<string, unknown>;
  const rec = (id: string, patch: Record<string, unknown>) => {
    const r: Record<string, unknown> = { ...base, id, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete r[k];
    return JSON.stringify(r);
  };
  const lines = [
    rec('err_no_usage', { status: 'error', input_tokens: undefined, output_tokens: undefined, cached_input_tokens: undefined }),
    rec('timeout_null_usage', { status: 'Timeout', input_tokens: null, output_tokens: null, cached_input_tokens: null }),
    rec('err_input_only', { status: 'error', input_tokens: 12, output_tokens: undefined, cached_input_tokens: 0 }),
    rec('ok_no_usage', { status: 'ok', input_tokens: undefined }),
    rec('cached_too_many', { input_tokens: 100, cached_input_tokens: 1000 }),
    rec('cached_all', { input_tokens: 100, cached_input_tokens: 100 }),
  ];
  // both readers: DuckDB's JSON reader (no blank line) and the lines staging (a blank line mid-file)
  for (const body of [`${lines.join('\n')}\n`, `${lines.slice(0, 3).join('\n')}\n\n${lines.slice(3).join('\n')}\n`]) {
    const t = await tempWarehouse();
    try {
      const file = join(t.dir, 'failed.jsonl');
      writeFileSync(file, body);
      await ingest(t, { paths: [file] });
      const loaded = await t.wh.all<{ id: string; status: string; input_tokens: number; output_tokens: number }>(
        'SELECT id, status, input_tokens, output_tokens FROM records ORDER BY id',
      );
      assert.deepEqual(loaded.map((r) => [r.id, r.status, Number(r.input_tokens), Number(r.output_tokens)]), [
        ['cached_all', 'ok', 100, Number(base.output_tokens)],
        ['err_input_only', 'error', 12, 0],
        ['err_no_usage', 'error', 0, 0],
        ['timeout_null_usage', 'timeout', 0, 0],
      ]);
      const q = await quarantineRows(t.wh);
      assert.deepEqual(q.map((r) => [JSON.parse(r.raw ?? 'null')?.id, r.reason, r.field]), [
        ['ok_no_usage', 'missing_field', 'input_tokens'],
        ['cached_too_many', 'out_of_range', 'cached_input_tokens'],
      ]);
    } finally {
      t.cleanup();
    }
  }
});

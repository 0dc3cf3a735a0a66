import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture, ingest, quarantineRows, storedRecords } from '../../helpers/ingest.ts';
import { withWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/** The canonical mapping with the defaults a feed that leaves fields out needs. */
function canonicalWithDefaults(): { fields: Record<string, unknown> } {
  const m = JSON.parse(readFileSync(new URL('../../../data/mappings/canonical.json', import.meta.url), 'utf8')) as { fields: Record<string, unknown> };
  m.fields.prompt_version = { path: '$.prompt_version', default: 'unversioned' };
  m.fields.status = { path: '$.status', default: 'ok' };
  m.fields.fallback = { path: '$.fallback', default: false };
  m.fields.human_override = { path: '$.human_override', default: false };
  return m;
}

test('an empty string or a NaN number is no value: the default applies, an optional field is NULL, a required one is missing', () =>
  withWarehouse(async (t) => {
    const r = await ingest(t, { paths: [fixture('blank_values.jsonl')], mapping: canonicalWithDefaults() });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(
      rows.map((x) => [x.id, x.prompt_version, x.category, x.confidence, x.cached_input_tokens, x.status, x.fallback, x.human_override, x.metadata]),
      [
        ['bv-1', 'unversioned', null, null, 0, 'ok', false, false, null],
        ['bv-2', 'unversioned', 'billing', 0.8, 128, 'ok', false, false, null],
        // Python's json.dumps writes a missing float as NaN (DuckDB reads it as JSON).
        ['bv-6', 'triage-v3', null, null, 0, 'ok', false, false, null],
      ],
    );
    // Text is stored as sent: an empty answer is an empty answer.
    assert.deepEqual([rows[0].input, rows[0].output], ['', '']);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [
      [3, 'missing_field', 'tenant_id'],
      [4, 'missing_field', 'ts'],
      [5, 'missing_field', 'input_tokens'],
      [7, 'missing_field', 'input_tokens'],
    ]);
    assert.equal(r.result.counts.loaded, 3);
  }));

test('ts reads the forms production logs write: offsets after a space, Go and Python log times, HTTP dates, epoch numbers', () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('timestamp_forms.jsonl')] });
    const ts = Object.fromEntries((await t.wh.all<{ id: string; ts: string }>('SELECT id, ts FROM records')).map((r) => [r.id, r.ts]));
    const at = '2026-11-02T10:00:00.250Z';
    assert.deepEqual(ts, {
      'ts-iso': at,
      'ts-snowflake': at,
      'ts-offset-colon': at,
      'ts-go': at,
      'ts-go-monotonic': at,
      'ts-python-logging': at,
      'ts-http-date': '2026-11-02T10:00:00.000Z',
      'ts-epoch-s': '2026-11-02T10:00:00.000Z',
      'ts-epoch-ms-text': at,
      'ts-epoch-ns': at,
      'ts-minutes': '2026-11-02T10:00:00.000Z',
      'ts-basic': '2026-11-02T10:00:00.000Z',
    });
    // A bare year is no epoch (it would be 1970), and a day/month order only the mapping can tell.
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [
      [11, 'bad_timestamp', 'ts'],
      [12, 'bad_timestamp', 'ts'],
    ]);
  }));

test('a zone name is read in that zone and never carried over to the times after it; an RFC 2822 offset is read; an ambiguous abbreviation is quarantined', () =>
  withWarehouse(async (t) => {
    const base = JSON.parse(readFileSync(fixture('timestamp_forms.jsonl'), 'utf8').split('\n')[0]) as Record<string, unknown>;
    // each zoned time is 10:00 UTC; each time after it, without a zone, is UTC too (DuckDB's own cast would read
    // the next ones in the zone before them)
    const times: [string, string][] = [
      ['berlin', '2026-11-02T11:00:00 Europe/Berlin'],
      ['after-berlin', '2026-11-02 10:00:00'],
      ['new-york', '2026-11-02 05:00:00 America/New_York'],
      ['after-new-york', '2026-11-02T10:00:00'],
      ['cet', '2026-11-02 11:00:00.250 CET'],
      ['after-cet-z', '2026-11-02T10:00:00Z'],
      ['after-cet', '2026-11-02 10:00:00'],
      ['rfc2822-offset', 'Mon, 02 Nov 2026 11:00:00 +0100'],
      ['rfc2822-gmt', 'Mon, 02 Nov 2026 10:00:00 GMT'],
      ['after-all', '2026-11-02'],
      ['unknown-zone', '2026-11-02 10:00:00 Mars/Olympus'],
      ['bst', '2026-11-02 11:00:00 BST'], // British Summer Time names +01:00, even in November
      ['after-bst', '2026-11-02 10:00:00'],
      ['cst', '2026-11-02 04:00:00 CST'], // US Central or China: quarantined, not guessed
    ];
    const file = join(t.dir, 'zones.jsonl');
    writeFileSync(file, times.map(([id, ts]) => JSON.stringify({ ...base, id, ts })).join('\n'));
    await ingest(t, { paths: [file] });
    const got = Object.fromEntries((await t.wh.all<{ id: string; ts: string }>('SELECT id, ts FROM records')).map((r) => [r.id, r.ts]));
    const ten = '2026-11-02T10:00:00.000Z';
    assert.deepEqual(got, {
      berlin: ten, 'after-berlin': ten, 'new-york': ten, 'after-new-york': ten, cet: '2026-11-02T10:00:00.250Z', 'after-cet-z': ten,
      'after-cet': ten, 'rfc2822-offset': ten, 'rfc2822-gmt': ten, 'after-all': '2026-11-02T00:00:00.000Z', bst: ten, 'after-bst': ten,
    });
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[11, 'bad_timestamp', 'ts'], [14, 'bad_timestamp', 'ts']]);
  }));

test("an ambiguous abbreviation loads when the mapping names its offset: a feed from US Central writing 'CST'", () =>
  withWarehouse(async (t) => {
    const base = JSON.parse(readFileSync(fixture('timestamp_forms.jsonl'), 'utf8').split('\n')[0]) as Record<string, unknown>;
    const file = join(t.dir, 'chicago.jsonl');
    writeFileSync(file, [['iso', '2026-11-02 04:00:00 CST'], ['http', 'Mon, 02 Nov 2026 04:00:00 CST'], ['cdt', '2026-07-02 05:00:00 CDT']]
      .map(([id, ts]) => JSON.stringify({ ...base, id, ts })).join('\n'));
    const mapping = JSON.parse(readFileSync(new URL('../../../data/mappings/canonical.json', import.meta.url), 'utf8')) as { fields: Record<string, unknown> };
    mapping.fields.ts = { sql: "regexp_replace({$.ts}, ' CST$', ' -0600')" };
    await ingest(t, { paths: [file], mapping });
    const got = Object.fromEntries((await t.wh.all<{ id: string; ts: string }>('SELECT id, ts FROM records')).map((r) => [r.id, r.ts]));
    assert.deepEqual(got, { iso: '2026-11-02T10:00:00.000Z', http: '2026-11-02T10:00:00.000Z', cdt: '2026-07-02T10:00:00.000Z' });
  }));

/** Each case: the text of a `ts` and the instant it is (UTC), or null where it is no time (bad_timestamp). */
type TimeCase = [text: string, instant: string | null];

/** Reads the texts with text_timestamp in one query, in order (so a zone read in one row could reach the next ones). */
async function assertTimes(t: TempWarehouse, cases: TimeCase[]): Promise<void> {
  const rows = await t.wh.all<{ ts: string | null }>(
    'SELECT text_timestamp(v) AS ts FROM unnest($1::VARCHAR[]) WITH ORDINALITY u(v, i) ORDER BY i',
    [cases.map(([text]) => text)],
  );
  assert.deepEqual(rows.map((r, i) => [cases[i][0], r.ts]), cases);
}

test('a zone abbreviation is read by its fixed UTC offset, summer or winter; an ambiguous or unknown one is no time; zone ids still read in the zone', () =>
  withWarehouse((t) =>
    assertTimes(t, [
      // DuckDB (ICU) read BST as Bangladesh (+6), AST as Alaska, ART as Cairo, a summer PST or CET with the daylight
      // offset; PDT, EDT, CDT, CEST, AEST and MSK not at all
      ['2026-07-02 10:00:00 BST', '2026-07-02T09:00:00.000Z'],
      ['2026-07-02 10:00:00 AST', '2026-07-02T14:00:00.000Z'],
      ['2026-07-02 10:00:00 ART', '2026-07-02T13:00:00.000Z'],
      ['2026-07-02 10:00:00 PST', '2026-07-02T18:00:00.000Z'],
      ['2026-07-02 10:00:00 PDT', '2026-07-02T17:00:00.000Z'],
      ['2026-01-15 10:00:00 EST', '2026-01-15T15:00:00.000Z'],
      ['2026-07-02 10:00:00 EDT', '2026-07-02T14:00:00.000Z'],
      ['2026-07-02 10:00:00 CDT', '2026-07-02T15:00:00.000Z'],
      ['2026-07-02 10:00:00 AKDT', '2026-07-02T18:00:00.000Z'],
      ['2026-07-02 10:00:00 HST', '2026-07-02T20:00:00.000Z'],
      ['2026-07-02 10:00:00 NDT', '2026-07-02T12:30:00.000Z'],
      ['2026-07-02 10:00:00 CET', '2026-07-02T09:00:00.000Z'],
      ['2026-07-02 10:00:00 CEST', '2026-07-02T08:00:00.000Z'],
      ['2026-07-02 10:00:00.250 EEST', '2026-07-02T07:00:00.250Z'],
      ['2026-07-02 10:00:00 MSK', '2026-07-02T07:00:00.000Z'],
      ['2026-07-02 10:00:00 JST', '2026-07-02T01:00:00.000Z'],
      ['2026-07-02 10:00:00 ACST', '2026-07-02T00:30:00.000Z'],
      ['2026-07-02 10:00:00 AEST', '2026-07-02T00:00:00.000Z'],
      ['2026-01-15 10:00:00 AEDT', '2026-01-14T23:00:00.000Z'],
      ['2026-01-15 10:00:00 NZDT', '2026-01-14T21:00:00.000Z'],
      ['2026-07-02 10:00:00 GMT', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02 10:00:00 UT', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02 10:00:00 utc', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02 10:00:00 Bst', '2026-07-02T09:00:00.000Z'],
      // Python logging's comma with %Z; the HTTP / RFC 2822 date
      ['2026-07-02 10:00:00,250 BST', '2026-07-02T09:00:00.250Z'],
      ['Thu, 02 Jul 2026 10:00:00 BST', '2026-07-02T09:00:00.000Z'],
      ['Thu, 02 Jul 2026 10:00:00 PDT', '2026-07-02T17:00:00.000Z'],
      ['Thu, 02 Jul 2026 10:00:00 GMT', '2026-07-02T10:00:00.000Z'],
      // CST is US Central, China or Cuba, IST India, Ireland or Israel: no guess
      ['2026-07-02 10:00:00 CST', null],
      ['2026-01-15 10:00:00 CST', null],
      ['2026-07-02 10:00:00 IST', null],
      ['Thu, 02 Jul 2026 10:00:00 IST', null],
      // not in the table: no time rather than ICU's reading (SST is Samoa to ICU; NZ, PRC and Japan old IANA links)
      ['2026-07-02 10:00:00 SST', null],
      ['2026-07-02 10:00:00 XYZ', null],
      ['2026-07-02 10:00:00 NZ', null],
      ['2026-07-02 10:00:00 PRC', null],
      ['2026-07-02 10:00:00 Japan', null],
      // zone ids are read in the zone (summer time where it applies), and the times after them stay UTC
      ['2026-07-02 10:00:00 Europe/Berlin', '2026-07-02T08:00:00.000Z'],
      ['2026-07-02 10:00:00', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02T10:00:00 America/New_York', '2026-07-02T14:00:00.000Z'],
      ['2026-07-02T10:00:00', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02 10:00:00 Etc/GMT+5', '2026-07-02T15:00:00.000Z'],
      ['2026-07-02 10:00:00 Asia/Kolkata', '2026-07-02T04:30:00.000Z'],
      ['2026-07-02 10:00:00 BST', '2026-07-02T09:00:00.000Z'],
      ['2026-07-02 10:00:00', '2026-07-02T10:00:00.000Z'],
      ['2026-07-02 10:00:00 Mars/Olympus', null],
    ])));

test('ts reads RFC 3339 lower case, Java ZonedDateTime, minutes before a zone name and a space before Z; the ISO forms still read', () =>
  withWarehouse((t) =>
    assertTimes(t, [
      ['2026-11-02t10:00:00z', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02t10:00:00.5z', '2026-11-02T10:00:00.500Z'],
      ['2026-11-02t11:00:00+01:00', '2026-11-02T10:00:00.000Z'],
      // ZonedDateTime.toString(): the offset, then the zone id (left out when it is no zone: the offset says it)
      ['2026-11-02T11:00:00+01:00[Europe/Paris]', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02T11:00+01:00[Europe/Paris]', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02T05:00:00.123456-05:00[America/New_York]', '2026-11-02T10:00:00.123Z'],
      ['2026-11-02T10:00Z[UTC]', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 10:00 UTC', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 11:00 CET', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 11:00 Europe/Berlin', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 10:00:00 Z', '2026-11-02T10:00:00.000Z'],
      // the forms the fast path casts, and the ones it leaves to the rewrites
      ['2026-11-02T10:00:00Z', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 10:00:00+00', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02T11:00:00.250+01:00', '2026-11-02T10:00:00.250Z'],
      ['2026-11-02 10:00:00', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 10:00:00 +00', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 05:00:00 -0500', '2026-11-02T10:00:00.000Z'],
      ['2026-11-02 10:00:00.25 +0000 UTC m=+3.25', '2026-11-02T10:00:00.250Z'],
      ['2026-11-02T10:00:00[Europe/Paris]', null],
      ['2026-11-02 10:00 Z Europe/Paris', null],
    ])));

test('an epoch number below 1e9 (0, a date number), negative or not finite is no time, read as text or by a mapping', () =>
  withWarehouse(async (t) => {
    const cases: TimeCase[] = [
      ['0', null],
      ['20261102', null],
      ['NaN', null],
      ['inf', null],
      // a negative epoch was read by its size (abs) as 1913
      ['-1793613600', null],
      ['-1793613600250', null],
      ['-1793613600250000000', null],
      ['1793613600', '2026-11-02T10:00:00.000Z'],
      ['1793613600250', '2026-11-02T10:00:00.250Z'],
      ['1793613600250000000', '2026-11-02T10:00:00.250Z'],
    ];
    const rows = await t.wh.all<{ text: string | null; mapped: string | null }>(
      `SELECT text_timestamp(v) AS text, text_timestamp(epoch_or_iso(v)) AS mapped FROM unnest($1::VARCHAR[]) WITH ORDINALITY u(v, i) ORDER BY i`,
      [cases.map(([v]) => v)],
    );
    assert.deepEqual(rows.map((r, i) => [cases[i][0], r.text]), cases);
    assert.deepEqual(rows.map((r, i) => [cases[i][0], r.mapped]), cases);
  }));

test("a CSV export in a decimal-comma locale loads with decimal_separator ',': 1.287 is 1287, 812,4 is 812.4", () =>
  withWarehouse(async (t) => {
    await ingest(t, { paths: [fixture('bi_export.csv')], mapping: fixture('bi_export.mapping.json') });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(
      rows.map((x) => [x.id, x.ts, x.prompt_version, x.confidence, x.input_tokens, x.output_tokens, x.cached_input_tokens, x.latency_ms, x.status, x.fallback, x.human_override]),
      [
        ['bi-0001', '2026-11-02T10:00:00.123Z', 'triage-v3', 0.92, 1287, 14, 1024, 812.4, 'ok', false, false],
        ['bi-0002', '2026-11-02T10:01:00.000Z', 'triage-v3', 0.5, 388, 0, 0, 95, 'ok', false, true],
        // A space groups digits too (12 910); an empty cell takes the default.
        ['bi-0003', '2026-11-02T10:02:00.000Z', 'unversioned', null, 12910, 1312, 0, 5321.25, 'ok', true, false],
      ],
    );
    // The quoted multi-line prompt (a ';' inside) is one field, redacted; its record starts on line 2.
    assert.equal(rows[0].input, 'I was charged twice.\nPlease refund; write to [EMAIL]');
    // 1,5 is a confidence of 1.5: out of range, not read as 15.
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[6, 'out_of_range', 'confidence']]);
  }));

test('required text is read without the spaces, tabs and line breaks around it; inside it they stay; padding alone is missing', () =>
  withWarehouse(async (t) => {
    const base = { ts: '2026-11-02T10:00:00Z', model: 'gpt-4o-mini', prompt_version: 'v1', input: ' hi ', output: 'ok\n', input_tokens: 1, output_tokens: 1, latency_ms: 1, fallback: false, human_override: false };
    const lines = [
      { ...base, id: ' pad-1', tenant_id: 'acme\t', workflow: '\ttriage\r\n', status: ' OK ' },
      { ...base, id: 'pad-2 ', tenant_id: 'ac me', workflow: 'tri\tage', status: 'error' },
      { ...base, id: 'pad-3', tenant_id: ' \t\n', workflow: 'triage', status: 'ok' },
    ];
    const file = join(t.dir, 'padded.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await ingest(t, { paths: [file] });
    const rows = await storedRecords(t.wh);
    assert.deepEqual(rows.map((r) => [r.id, r.tenant_id, r.workflow, r.status, r.input, r.output]), [
      ['pad-1', 'acme', 'triage', 'ok', ' hi ', 'ok\n'], // input and output are kept as sent
      ['pad-2', 'ac me', 'tri\tage', 'error', ' hi ', 'ok\n'],
    ]);
    assert.deepEqual((await quarantineRows(t.wh)).map((q) => [q.line, q.reason, q.field]), [[3, 'missing_field', 'tenant_id']]);
  }));

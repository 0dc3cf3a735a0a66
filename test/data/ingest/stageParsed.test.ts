import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { compileMapping } from '../../../data/ingest/compile.ts';
import { resolveMapping } from '../../../data/ingest/mapping.ts';
import { expandSources } from '../../../data/ingest/sources.ts';
import { createStaging, dropStaging, stageFiles, type StagedFile } from '../../../data/ingest/stage.ts';
import { RECORD_COLUMNS } from '../../../data/record.ts';
import { fixture } from '../../helpers/ingest.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

// JSON Lines go through DuckDB's JSON reader where they can (stageParsed.ts). Whatever it does, a run's staged
// rows must be exactly what splitting the lines and parsing each gives: same lines, reasons, fields, raw text
// and values. Each case stages the same files both ways and compares every row.

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'gpt-4o-mini', prompt_version: 'v1',
    input: `hello ${id}`, output: 'ok', category: 'billing', confidence: 0.9, input_tokens: 10, output_tokens: 2,
    latency_ms: 120, status: 'ok', fallback: false, human_override: false, metadata: { region: 'eu' }, ...extra,
  });

async function stage(t: TempWarehouse, paths: string[], parsedReader: boolean) {
  const compiled = compileMapping(resolveMapping('canonical', t.dir), t.config.ingest.redaction);
  const files = await expandSources(t.wh, paths, t.dir, 'auto');
  await createStaging(t.wh);
  try {
    const staged: StagedFile[] = await stageFiles(t.wh, files, compiled, () => {}, { parsedReader });
    const rows = await t.wh.all(
      `SELECT source_file, source_line, reason, field, raw, ${RECORD_COLUMNS.map((c) => `CAST(${c.name} AS VARCHAR) AS ${c.name}`).join(', ')}
       FROM ingest_rows ORDER BY file_idx, source_line`,
    );
    return { staged: staged.map((s) => ({ rows: s.rows, reader: s.reader })), rows };
  } finally {
    await dropStaging(t.wh);
  }
}

/** Stages `paths` both ways; returns the readers the default way used. */
async function sameBothWays(t: TempWarehouse, paths: string[]): Promise<{ readers: string[]; rows: Record<string, unknown>[] }> {
  const lines = await stage(t, paths, false);
  const parsed = await stage(t, paths, true);
  assert.deepEqual(parsed.rows, lines.rows);
  assert.deepEqual(parsed.staged.map((s) => s.rows), lines.staged.map((s) => s.rows));
  assert.ok(lines.staged.every((s) => s.reader === 'lines'));
  return { readers: parsed.staged.map((s) => s.reader), rows: parsed.rows };
}

test('bad lines of every kind are staged from their text: reasons, fields and raw as splitting the lines gives', async () => {
  const t = await tempWarehouse();
  try {
    const file = join(t.dir, 'mixed.jsonl');
    const lines = [
      `\uFEFF${good('bom_first')}`, // a BOM: the JSON reader fails the line, its text reads it
      good('a'),
      '{"id":"broken",',
      '[1, 2, 3]',
      '"just a string"',
      '{}',
      good('typed', { input_tokens: 'ten' }),
      good('late', { ts: 'yesterday' }),
      good('neg', { latency_ms: -1 }),
      good('conf', { confidence: 1.5 }),
      good('status', { status: 'done' }),
      good('nan', { confidence: 'NaN' }),
      `  ${good('padded')}\t`,
      good('esc', { input: 'caf\u00e9 \u2028 "quoted"' }),
      '{"id":"x"} {"id":"y"}',
      `${good('crlf')}\r`,
      good('z'),
      '',
      '   ',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { readers, rows } = await sameBothWays(t, [file]);
    assert.deepEqual(readers, ['json']);
    const byLine = new Map(rows.map((r) => [Number(r.source_line), r]));
    assert.equal(byLine.get(1)?.id, 'bom_first');
    assert.equal(byLine.get(1)?.reason, null);
    assert.deepEqual([byLine.get(3)?.reason, byLine.get(3)?.raw], ['malformed_json', '{"id":"broken",']);
    assert.equal(byLine.get(4)?.reason, 'not_an_object');
    assert.deepEqual([byLine.get(7)?.reason, byLine.get(7)?.field], ['ill_typed', 'input_tokens']);
    assert.equal(byLine.get(17)?.id, 'z');
    assert.equal(rows.length, 17);
  } finally {
    t.cleanup();
  }
});

test('a blank line before rows, or a line of whitespace the lines call malformed, sends the file back to its lines', async () => {
  const t = await tempWarehouse();
  try {
    const blank = join(t.dir, 'blank.jsonl');
    writeFileSync(blank, `${good('a')}\n\n${good('b')}\n{bad\n`);
    const tab = join(t.dir, 'tab.jsonl');
    writeFileSync(tab, `${good('c')}\n${good('d')}\n\t\n`);
    assert.deepEqual((await sameBothWays(t, [blank])).readers, ['lines']);
    const r = await sameBothWays(t, [tab]);
    assert.deepEqual(r.readers, ['lines']);
    assert.equal(r.rows.find((x) => Number(x.source_line) === 3)?.reason, 'malformed_json');
    // the planted file has blank lines 2 and 11
    assert.deepEqual((await sameBothWays(t, [fixture('planted_bad.jsonl')])).readers, ['lines']);
  } finally {
    t.cleanup();
  }
});

test('consecutive files read in one scan keep their own line numbers, also after a file ending in blank lines', async () => {
  const t = await tempWarehouse();
  try {
    const a = join(t.dir, 'day1.jsonl');
    writeFileSync(a, `${good('a1')}\n{oops\n${good('a3')}\n\n\n`);
    const empty = join(t.dir, 'day2.jsonl');
    writeFileSync(empty, '');
    const b = join(t.dir, 'day3.jsonl.gz');
    writeFileSync(b, gzipSync(`${good('b1')}\n${good('b2', { status: 'weird' })}\n[]\n${good('b4')}\n`));
    const { readers, rows } = await sameBothWays(t, [a, empty, b]);
    assert.deepEqual(readers, ['json', 'json', 'json']);
    const bad = rows.filter((r) => r.reason !== null).map((r) => [String(r.source_file).split('/').pop(), Number(r.source_line), r.reason]);
    assert.deepEqual(bad, [['day1.jsonl', 2, 'malformed_json'], ['day3.jsonl.gz', 2, 'unknown_status'], ['day3.jsonl.gz', 3, 'not_an_object']]);
  } finally {
    t.cleanup();
  }
});

test('a file mostly bad, or with lines not UTF-8, is read from its lines: same rows both ways', async () => {
  const t = await tempWarehouse();
  try {
    const mostly = join(t.dir, 'mostly_bad.jsonl');
    // more than 100,000 bad rows, and more than a tenth
    writeFileSync(mostly, [good('ok1'), ...Array.from({ length: 110_000 }, (_x, i) => `{x${i}`), good('ok2'), '[1]'].join('\n'));
    assert.deepEqual((await sameBothWays(t, [mostly])).readers, ['lines']);

    // A Latin-1 é on line 2, two in a row after a blank line (5, 6), one at the end (9): each is quarantined as
    // not_utf8 on its own line, and the lines around them keep their numbers. Also gzipped, and after another file.
    const latin1 = join(t.dir, 'latin1.jsonl');
    const e9 = (id: string) => Buffer.concat([Buffer.from(`{"id":"${id}","input":"caf`), Buffer.from([0xe9]), Buffer.from('"}')]);
    const content = Buffer.concat([
      Buffer.from(`${good('ok1')}\n`), e9('bad2'), Buffer.from(`\n${good('ok3')}\n\n`), e9('bad5'), Buffer.from('\n'), e9('bad6'),
      Buffer.from(`\n${good('ok7')}\n${good('ok8')}\n`), e9('bad9'), Buffer.from('\n'),
    ]);
    writeFileSync(latin1, content);
    writeFileSync(`${latin1}.gz`, gzipSync(content));
    const first = join(t.dir, 'first.jsonl');
    writeFileSync(first, `${good('f1')}\n${good('f2')}\n`);
    for (const paths of [[latin1], [`${latin1}.gz`], [first, latin1]]) {
      const { rows } = await sameBothWays(t, paths);
      const of = (r: Record<string, unknown>) => `${String(r.source_file).endsWith('first.jsonl') ? 'first' : 'latin1'}:${r.source_line} ${r.reason ?? r.id}`;
      assert.deepEqual(rows.map(of), [
        ...(paths.length === 2 ? ['first:1 f1', 'first:2 f2'] : []),
        'latin1:1 ok1', 'latin1:2 not_utf8', 'latin1:3 ok3', 'latin1:5 not_utf8', 'latin1:6 not_utf8', 'latin1:7 ok7', 'latin1:8 ok8', 'latin1:9 not_utf8',
      ], paths.join(', '));
      // the text as DuckDB kept it: the bytes of the sequence that is not UTF-8 read as '?' (here é and the quote
      // after it, which the lead byte claims), the line's own end left out
      const bad = rows.filter((r) => r.reason === 'not_utf8').map((r) => r.raw);
      assert.deepEqual(bad, ['bad2', 'bad5', 'bad6', 'bad9'].map((id) => `{"id":"${id}","input":"caf??}`));
    }
  } finally {
    t.cleanup();
  }
});

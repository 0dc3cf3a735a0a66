import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../jobs/config.ts';
import type { IngestCounts, IngestOutput } from '../../jobs/ingest.ts';
import { runJob } from '../../jobs/runJob.ts';
import { assertAccounted, quarantineRows } from '../helpers/ingest.ts';
import { tempWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';

// JSON Lines are parsed by DuckDB's JSON reader and its rows checked against the files' lines; bad rows are staged
// from their lines, and a file whose rows are not its lines (a blank line among them) is staged from its lines
// (data/ingest/stageParsed.ts). Through the whole job, with stored records, duplicates and conflicts, the outcome
// must be what the lines hold.

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'triage', model: 'gpt-4o-mini', prompt_version: 'v1',
    input: `hello ${id}, mail me at ${id}@example.com`, output: 'ok', category: 'billing', confidence: 0.9, input_tokens: 10,
    output_tokens: 2, latency_ms: 120, status: 'ok', fallback: false, human_override: false, ...extra,
  });

async function run(t: TempWarehouse, path: string) {
  const outcome = await runJob<{ counts: IngestCounts; output: IngestOutput }>('ingest', { paths: [path] }, {
    wh: t.wh, config: parseConfig({}, '(test)'), baseDir: t.dir,
  });
  assertAccounted(outcome.result.counts);
  const quarantine = (await quarantineRows(t.wh)).map((q) => [q.file, q.line, q.reason, q.field, q.raw]);
  return { counts: outcome.result.counts, files: outcome.result.output.files, quarantine };
}

test('JSON reader: every bad line quarantined with its line and text, the good ones loaded once', async () => {
  const t = await tempWarehouse();
  try {
    const stored = join(t.dir, 'day1.jsonl');
    writeFileSync(stored, `${good('a')}\n${good('b')}\n`);
    await run(t, stored);
    // day 2: a re-delivered id (same), a conflicting one, bad lines of several kinds, trailing blank lines
    const day2 = join(t.dir, 'day2.jsonl');
    const lines = [good('c'), good('a'), '{"id":"broken",', good('b', { output: 'changed' }), good('neg', { latency_ms: -5 }), '[1]', good('d'), '', ''];
    writeFileSync(day2, `${lines.join('\n')}\n`);
    const r = await run(t, day2);
    assert.deepEqual(
      { loaded: r.counts.loaded, duplicates: r.counts.duplicates, conflicts: r.counts.conflicts, quarantined: r.counts.quarantined },
      { loaded: 2, duplicates: 1, conflicts: 1, quarantined: 3 },
    );
    assert.deepEqual(r.files.map((f) => [f.rows, f.reader]), [[7, 'json']]);
    assert.deepEqual(r.quarantine, [
      ['day2.jsonl', 3, 'malformed_json', null, '{"id":"broken",'],
      ['day2.jsonl', 5, 'negative_value', 'latency_ms', good('neg', { latency_ms: -5 }).replace('neg@example.com', '[EMAIL]')],
      ['day2.jsonl', 6, 'not_an_object', null, '[1]'],
    ]);
    assert.deepEqual(await t.wh.all(`SELECT id, source_line FROM records WHERE source_file LIKE '%day2.jsonl' ORDER BY id`), [
      { id: 'c', source_line: 1 },
      { id: 'd', source_line: 7 },
    ]);
  } finally {
    t.cleanup();
  }
});

test('a blank line among the rows: the file is read from its lines, each record once at its line', async () => {
  const t = await tempWarehouse();
  try {
    const stored = join(t.dir, 'day1.jsonl');
    writeFileSync(stored, `${good('a')}\n`);
    await run(t, stored);
    const day2 = join(t.dir, 'day2.jsonl');
    writeFileSync(day2, [good('a'), '', good('c'), '{oops', good('d', { status: 'done' }), good('e')].join('\n'));
    const r = await run(t, day2);
    assert.deepEqual(r.files.map((f) => [f.rows, f.reader]), [[5, 'lines']]);
    assert.deepEqual(
      { loaded: r.counts.loaded, duplicates: r.counts.duplicates, quarantined: r.counts.quarantined },
      { loaded: 2, duplicates: 1, quarantined: 2 },
    );
    assert.deepEqual(r.quarantine.map((q) => q.slice(0, 4)), [['day2.jsonl', 4, 'malformed_json', null], ['day2.jsonl', 5, 'unknown_status', 'status']]);
    assert.deepEqual(await t.wh.all(`SELECT id, count(*) AS n, min(source_line) AS line FROM records GROUP BY id ORDER BY id`), [
      { id: 'a', n: 1, line: 1 },
      { id: 'c', n: 1, line: 3 },
      { id: 'e', n: 1, line: 6 },
    ]);
    assert.deepEqual(await t.wh.all(`SELECT count(*) AS n FROM job_runs WHERE job = 'ingest' AND status = 'succeeded'`), [{ n: 2 }]);
  } finally {
    t.cleanup();
  }
});

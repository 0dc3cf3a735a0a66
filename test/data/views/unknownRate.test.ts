import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

// The report's rates (workflow_week_over_week, workflow_daily) count as unknown what the config calls unknown
// (drift.unknown_categories), as the drift tests do: with null in it, a record without a category counts.
test("unknown_rate in the views counts the configured unknown categories, a missing category too when null is one", () =>
  withWarehouse(async (t) => {
    const rec = (id: string, workflow: string, category: string | null) => JSON.stringify({
      id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow, model: 'm', prompt_version: 'v1', input: 'x', output: 'y', category,
      confidence: 0.5, input_tokens: 1, output_tokens: 1, latency_ms: 10, status: 'ok', fallback: false, human_override: false,
    });
    const file = join(t.dir, 'cats.jsonl');
    writeFileSync(file, [rec('a', 'summarize', null), rec('b', 'summarize', null), rec('c', 'triage', 'unknown'), rec('d', 'triage', 'other'), rec('e', 'triage', 'n/a')].join('\n'));
    const rates = async () => Object.fromEntries((await t.wh.all<{ workflow: string | null; unknown_rate: number }>(
      `SELECT workflow, unknown_rate FROM workflow_week_over_week WHERE tenant_id IS NULL AND week = '2026-W45' ORDER BY workflow NULLS FIRST`,
    )).map((r) => [r.workflow ?? 'all', r.unknown_rate]));
    const run = (drift: unknown) => runJob('ingest', { paths: [file] }, { wh: t.wh, config: parseConfig({ drift }, '(test)'), baseDir: t.dir });
    await run({});
    assert.deepEqual(await rates(), { all: 1 / 5, summarize: 0, triage: 1 / 3 });
    await run({ unknown_categories: ['unknown', 'n/a', null] });
    assert.deepEqual(await rates(), { all: 4 / 5, summarize: 1, triage: 2 / 3 });
    const daily = await t.wh.all(`SELECT workflow, unknown_rate FROM workflow_daily ORDER BY workflow`);
    assert.deepEqual(daily, [{ workflow: 'summarize', unknown_rate: 1 }, { workflow: 'triage', unknown_rate: 2 / 3 }]);
  }));

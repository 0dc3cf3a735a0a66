import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runJob } from '../../../jobs/runJob.ts';
import { findingStatement } from '../../../reports/driftText.ts';
import type { ReportJson } from '../../../reports/reportJson.ts';
import { generateRecords } from '../../evaluators/drift/generateRecords.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

let t: TempWarehouse;
before(async () => {
  t = await tempWarehouse();
  // model ids with '/' as OpenRouter, Together or a fine-tune registry log them; t1 × wf0 spikes in the report week
  await generateRecords(t.wh, {
    n: 30_000, start: '2026-10-05', days: 35, seed: 21, tenants: 2, workflows: 1, modelIds: ['meta-llama/Llama-3.3-70B-Instruct', 'my-org/ft/triage-v2'],
    spike: { tenant: 't1', workflow: 'wf0', fromDay: 31, rate: 0.4 },
  });
  await runJob('drift', { end: '2026-11-09' }, { wh: t.wh, config: t.config });
});
after(() => t.cleanup());

test("a model id with '/' is named whole in drift results and in the report, never cut at its first '/'", async () => {
  const models = await t.wh.all<{ model: string }>(`SELECT DISTINCT model FROM drift_latest WHERE segment_type = 'model' ORDER BY model`);
  assert.deepEqual(models.map((m) => m.model), ['meta-llama/Llama-3.3-70B-Instruct', 'my-org/ft/triage-v2']);
  const out = await runJob<{ output: { html: string; json: string } }>('report', { week: '2026-W45', out: join(t.dir, 'reports') }, { wh: t.wh, config: t.config });
  const json = JSON.parse(readFileSync(out.result.output.json, 'utf8')) as ReportJson;
  const labels = [...json.verdict.red, ...json.verdict.amber].map((l) => l.label).filter((l) => l.startsWith('model '));
  assert.ok(labels.length > 0, 'the spike shows on the models too');
  for (const l of labels) assert.match(l, /^model (meta-llama\/Llama-3\.3-70B-Instruct|my-org\/ft\/triage-v2)$/);
  const html = readFileSync(out.result.output.html, 'utf8');
  assert.doesNotMatch(html, /model (meta-llama|my-org)(?!\/)/, 'a model id cut at its first /');
});

test('a numeric finding quotes the quantile that moved: the median of a confidence drift, the p95 of a latency regression', () => {
  const row = (metric: string, p50: [number, number], p95: [number, number]) => ({
    segment_type: 'workflow', segment: 'workflow=route', tenant_id: null, workflow: 'route', model: null, prompt_version: null, metric, kind: 'numeric' as const,
    severity: 'medium', severity_rank: 3, lead_test: 'wasserstein', lead_effect: 0.4, lead_high_band: 0.5, n_current: 2000, n_reference: 8000,
    current_rate: null, reference_rate: null, since_start_rate: null, spike_start_day: null, reference_p50: p50[0], current_p50: p50[1],
    reference_p95: p95[0], current_p95: p95[1], new_categories: null, vanished_categories: null,
  });
  assert.match(findingStatement(row('confidence', [0.762, 0.705], [0.972, 0.968])), /p50 0\.762 before → 0\.705 this week/);
  assert.match(findingStatement(row('latency_ms', [900, 1200], [4870, 6950])), /p95 4\.87 s before → 6\.95 s this week/);
});

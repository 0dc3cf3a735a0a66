import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runJob } from '../../jobs/runJob.ts';
import { parseConfig } from '../../jobs/config.ts';
import { withWarehouse, type TempWarehouse } from '../helpers/tempWarehouse.ts';
import { writePlanted, type Stream } from '../evaluators/drift/plantedLogs.ts';

// Planted events in logs shaped unlike the demo's: two weeks of history only, names with spaces and accents,
// timestamps written in other zones, the unknown label spelled differently, sampling rates that differ by tenant and
// change between weeks. Records go through the real ingest job; drift and alerts run as jobs; every expected figure
// was computed independently with python3 + scipy 1.17 from the same records (noted beside each).

const WEEK = { end: '2026-11-16', window_days: 7 }; // current window Mon 2026-11-09 … Sun 2026-11-15
const REF = { from: '2026-10-26', to: '2026-11-08' }; // two weeks of history, inside the default 28-day reference

interface ReportJson {
  verdict: { red: { statements: string[] }[] };
}

interface Result {
  segment: string;
  metric: string;
  test: string;
  severity: string;
  n_current: number;
  statistic: number | null;
  p_value: number | null;
  details: Record<string, unknown>;
}

async function pipeline(t: TempWarehouse, files: { path: string; sample_rate?: number }[], drift: unknown = {}) {
  const config = parseConfig({ drift }, '(test)');
  const opts = { wh: t.wh, config, baseDir: t.dir };
  for (const f of files) {
    const r = await runJob('ingest', { paths: [f.path], ...(f.sample_rate ? { sample_rate: f.sample_rate } : {}) }, opts);
    assert.equal(r.status, 'succeeded', JSON.stringify(r));
  }
  assert.equal((await runJob('drift', WEEK, opts)).status, 'succeeded');
  assert.equal((await runJob('alerts', {}, opts)).status, 'succeeded');
  const results = (await t.wh.all<Result & { details: string }>('SELECT segment, metric, test, severity, n_current, statistic, p_value, details FROM drift_latest'))
    .map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  const alerts = await t.wh.all<{ alert_key: string; severity: string; subject: string; message: string }>(
    "SELECT alert_key, severity, subject, message FROM alerts_active WHERE rule = 'drift' ORDER BY alert_key",
  );
  return { results, alerts, find: (segment: string, test: string) => results.find((r) => r.segment === segment && r.test === test) };
}

const close = (actual: unknown, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(Number(actual) - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${String(actual)} vs ${expected}`);

test("an unknown spike from Thursday in logs that spell the label 'Unknown' is found on its tenant × workflow, alerts high, and tiny or quiet tenants stay silent", () =>
  withWarehouse(async (t) => {
    const wf = 'support triage';
    const cafe: Stream = { tenant: 'Café Zürich', workflow: wf, from: REF.from, to: '2026-11-15', perDay: 200, unknownPer100: 3, spike: { from: '2026-11-12', unknownPer100: 18 }, unknownLabel: 'Unknown', offset: '+01:00' };
    const quiet: Stream = { tenant: 'acme GmbH', workflow: wf, from: REF.from, to: '2026-11-15', perDay: 300, unknownPer100: 3, unknownLabel: 'UNKNOWN ', offset: '-05:00' };
    // 40 requests this week, half of them unknown: noise, too few to test
    const tiny: Stream = { tenant: 'tiny co', workflow: wf, from: '2026-11-13', to: '2026-11-13', perDay: 40, unknownPer100: 50, unknownLabel: 'unknown' };
    const tinyBefore: Stream = { tenant: 'tiny co', workflow: wf, from: '2026-10-28', to: '2026-10-28', perDay: 60, unknownPer100: 0 };
    const { results, alerts, find } = await pipeline(t, [{ path: writePlanted(t.dir, 'logs.jsonl', [cafe, quiet, tiny, tinyBefore]) }]);

    const seg = find('tenant_id=Café Zürich/workflow=support triage', 'unknown_rate_spike');
    assert.ok(seg);
    assert.equal(seg.severity, 'high');
    assert.equal(seg.details.spike_start_day, '2026-11-12');
    assert.deepEqual(seg.details.days_above_limit, ['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15']);
    // 84 of 2800 before, 162 of 1400 this week, 144 of 800 since Thursday; pooled z on the days since the spike
    // began: z = 15.362267111205597, norm.sf(z) = 1.4657079331151846e-53 (python3: scipy.stats.norm)
    assert.equal(seg.details.reference_rate, 0.03);
    assert.equal(seg.details.current_rate, 162 / 1400);
    assert.equal(seg.details.since_start_rate, 0.18);
    close(seg.statistic, 15.362267111205597, 1e-12, 'z');
    close(seg.p_value, 1.4657079331151846e-53, 1e-9, 'p');

    // the quiet tenant spelling it 'UNKNOWN ' is at its 3% and unflagged; the tiny tenant is untested
    const quietSeg = find('tenant_id=acme GmbH/workflow=support triage', 'unknown_rate_spike');
    assert.equal(quietSeg?.details.current_rate, 0.03);
    assert.equal(quietSeg?.severity, 'none');
    assert.ok(results.filter((r) => r.segment.startsWith('tenant_id=tiny co/')).every((r) => r.severity === 'insufficient_data'));

    const fired = alerts.filter((a) => a.alert_key.endsWith('|unknown_rate'));
    const cafeAlert = fired.find((a) => a.subject === 'Café Zürich · support triage');
    assert.ok(cafeAlert, JSON.stringify(alerts));
    assert.equal(cafeAlert.severity, 'high');
    assert.match(cafeAlert.message, /^unknown rate 3\.0% → 11\.6% \(18\.0% since 2026-11-12\) \(unknown rate spike 0\.15, 2026-11-09 … 2026-11-15 vs 2026-10-26 … 2026-11-08\)$/);
    assert.ok(!alerts.some((a) => /acme GmbH|tiny co/.test(a.subject)), JSON.stringify(alerts));

    // two weeks of history: the 28-day reference is what the data holds, and the run says so
    const run = await t.wh.one<{ reference_start: string; reference_end: string }>('SELECT reference_start, reference_end FROM drift_runs');
    assert.deepEqual(run, { reference_start: '2026-10-26', reference_end: '2026-11-09' });

    // the weekly report shows it: the verdict's red line and the drift section's unknown table
    const report = await runJob<{ output: { json: string; html: string } }>('report', { week: '2026-W46', out: 'reports' }, { wh: t.wh, config: parseConfig({}, '(test)'), baseDir: t.dir });
    assert.equal(report.status, 'succeeded');
    const json = JSON.parse(readFileSync(report.result.output.json, 'utf8')) as ReportJson;
    const red = json.verdict.red.flatMap((s) => s.statements);
    assert.ok(red.includes('unknown answers 3.0% before → 18.0% since Thu 12 Nov (high)'), JSON.stringify(red));
    assert.ok(!JSON.stringify(json.verdict).includes('acme GmbH'), 'the quiet tenant is in no verdict line');
    assert.match(readFileSync(report.result.output.html, 'utf8'), /with the reference window 26 Oct – 8 Nov 2026 \(2 weeks\)/);

    // the report's rates count the same labels: the views' unknown set holds every spelling in the logs
    const [day] = await t.wh.all<{ unknown_rate: number }>(
      "SELECT unknown_rate FROM workflow_daily WHERE tenant_id = 'Café Zürich' AND day = DATE '2026-11-13'",
    );
    assert.equal(day.unknown_rate, 0.18);
  }));

test("'' configured as unknown counts the answers logged with an empty label (ingest stores them as missing)", () =>
  withWarehouse(async (t) => {
    const base = { tenant: 'Nordwind', workflow: 'intent router', perDay: 200, unknownPer100: 3 };
    const before: Stream = { ...base, ...REF };
    const now: Stream = { ...base, from: '2026-11-09', to: '2026-11-15', unknownPer100: 15, unknownLabel: '' };
    const { find } = await pipeline(t, [{ path: writePlanted(t.dir, 'logs.jsonl', [before, now]) }], { unknown_categories: ['unknown', ''] });
    const seg = find('tenant_id=Nordwind/workflow=intent router', 'unknown_rate_spike');
    assert.equal(seg?.details.current_rate, 0.15);
    assert.equal(seg?.details.reference_rate, 0.03);
    assert.equal(seg?.severity, 'high');
  }));

test("one tenant's sampling rate dropping to 10% is no drift of the workflow: rates are the traffic's, on the Kish effective sample", () =>
  withWarehouse(async (t) => {
    const wf = 'résumé parse';
    const big = { tenant: 'Big Co', workflow: wf, perDay: 300, unknownPer100: 2 };
    const small = { tenant: 'Small ü', workflow: wf, perDay: 100, unknownPer100: 25 };
    const week = { from: '2026-11-09', to: '2026-11-15' };
    const { results, alerts, find } = await pipeline(t, [
      { path: writePlanted(t.dir, 'reference.jsonl', [{ ...big, ...REF }, { ...small, ...REF }]) },
      { path: writePlanted(t.dir, 'big-week.jsonl', [{ ...big, ...week }]), sample_rate: 0.1 },
      { path: writePlanted(t.dir, 'small-week.jsonl', [{ ...small, ...week }]) },
    ]);
    // ingest keeps Big Co's records with md5-based draws below 0.1: 206 of 2100 (5 unknown), weight 10 each; Small ü's
    // 700 (175 unknown) weight 1. The sample's share of unknown answers is 180/906 = 19.9%, the traffic's (python3):
    // Σw·unknown / Σw = 0.08152173913043478 against 0.0775 before; Kish n = (Σw)²/Σw² = 357.63380281690144;
    // pooled z on the effective counts 0.27538335949633097 (norm.sf 0.3915108636183794).
    const w = find('workflow=résumé parse', 'unknown_rate_spike');
    assert.ok(w);
    assert.equal(w.n_current, 906);
    close(w.details.current_rate, 0.08152173913043478, 1e-12, 'weighted current rate');
    close(w.details.reference_rate, 0.0775, 1e-12, 'reference rate');
    close(w.details.effective_n_current, 357.63380281690144, 1e-12, 'Kish n');
    close(w.statistic, 0.27538335949633097, 1e-9, 'z');
    assert.equal(w.severity, 'none');
    // no segment drifts: not the workflow's category mix, not the model, not all traffic
    assert.deepEqual(results.filter((r) => ['low', 'medium', 'high'].includes(r.severity)).map((r) => `${r.segment} ${r.test}`), []);
    assert.deepEqual(alerts, []);
    // the tenants themselves, each sampled at one rate, are tested on their records as before
    assert.equal(find('tenant_id=Small ü/workflow=résumé parse', 'unknown_rate_spike')?.details.current_rate, 0.25);
    assert.equal(find('tenant_id=Big Co/workflow=résumé parse', 'unknown_rate_spike')?.details.effective_n_current, undefined);
  }));

test("a small tenant's one noisy day (6 unknown of 35 on Sunday) is shown on its p-chart but graded with its week: no finding, no page", () =>
  withWarehouse(async (t) => {
    const small: Stream = {
      tenant: 'Kleinbetrieb', workflow: 'intent router', from: REF.from, to: '2026-11-15', perDay: 35, unknownPer100: 0,
      unknownOn: Object.fromEntries(Array.from({ length: 21 }, (_, i) => {
        const day = new Date(Date.parse(`${REF.from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
        return [day, day === '2026-11-15' ? 6 : 1];
      })),
    };
    const { results, alerts, find } = await pipeline(t, [{ path: writePlanted(t.dir, 'logs.jsonl', [small]) }]);
    const seg = find('tenant_id=Kleinbetrieb/workflow=intent router', 'unknown_rate_spike');
    assert.ok(seg);
    // 14 of 490 before (2.857%): the binomial limit for 35 requests is 6 (scipy.stats.binom: P(X ≥ 6) = 4.33e-4 <
    // norm.sf(3)), so Sunday is above it and starts a "spike" at the window's end. On its own (6 of 35) it is a rise
    // of 14 pp, z = 4.265333434437535; the week (12 of 245) has z = 1.4119485772697506, norm.sf = 0.07898255144666622.
    assert.deepEqual(seg.details.days_above_limit, ['2026-11-15']);
    assert.equal(seg.details.spike_start_day, '2026-11-15');
    assert.match(String(seg.details.graded_on), /^whole window \(the 35 records since 2026-11-15 are fewer than 100\)$/);
    close(seg.statistic, 1.4119485772697506, 1e-12, 'z of the week');
    close(seg.p_value, 0.07898255144666622, 1e-9, 'p of the week');
    assert.equal(seg.severity, 'none');
    assert.deepEqual(results.filter((r) => ['low', 'medium', 'high'].includes(r.severity)).map((r) => `${r.segment} ${r.test}`), []);
    assert.deepEqual(alerts, []);
  }));

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOBS } from '../../jobs/registry.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { fixture } from '../helpers/ingest.ts';
import { tempDir } from '../helpers/tempWarehouse.ts';
import { serve } from './serve.ts';

test('POST /jobs/ingest/runs runs the ingest job and answers its counts; the run is recorded and readable at /runs', async (t) => {
  const s = await serve(t);
  assert.deepEqual((await s.get('/health')).body.records, 0);
  const r = await s.post('/jobs/ingest/runs', { paths: [fixture('planted_bad.jsonl'), fixture('canonical.jsonl')] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'succeeded');
  assert.deepEqual({ loaded: r.body.counts.loaded, quarantined: r.body.counts.quarantined }, { loaded: 8, quarantined: 12 });
  assert.equal((await s.get('/health')).body.records, 8);

  const runs = await s.get('/runs?job=ingest');
  assert.equal(runs.status, 200);
  assert.deepEqual(runs.body.map((x: { run_id: string }) => x.run_id), [r.body.run_id]);
  const one = await s.get(`/runs/${r.body.run_id}`);
  assert.equal(one.body.status, 'succeeded');
  assert.deepEqual(one.body.params, { paths: [fixture('planted_bad.jsonl'), fixture('canonical.jsonl')] });
  assert.equal(one.body.counts.loaded, 8);
  assert.equal((await s.get('/runs/no-such-run')).status, 404);
});

test('bad requests are refused naming the field; an unknown job is 404 listing the jobs; a missing input is 422 with the failed run', async (t) => {
  const s = await serve(t);
  const unknownKey = await s.post('/jobs/ingest/runs', { paths: ['x.jsonl'], bogus: 1 });
  assert.equal(unknownKey.status, 400);
  assert.equal(unknownKey.body.error, 'ASSAY_ERR_REQUEST');
  assert.match(unknownKey.body.message, /bogus/);
  const badWeek = await s.post('/jobs/cost/runs', { week: 'last week' });
  assert.equal(badWeek.status, 400);
  assert.deepEqual(badWeek.body.issues.map((i: { path: string }) => i.path), ['body.week']);
  const noPaths = await s.post('/jobs/ingest/runs', {});
  assert.equal(noPaths.status, 400);
  assert.deepEqual(noPaths.body.issues.map((i: { path: string }) => i.path), ['body.paths']);
  assert.equal((await s.get('/runs?limit=0')).status, 400);
  // none of those became a run
  assert.deepEqual((await s.get('/runs')).body, []);

  const unknown = await s.post('/jobs/nightly/runs', {});
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error, 'ASSAY_ERR_UNKNOWN_JOB');
  assert.match(unknown.body.message, new RegExp(`Known jobs: ${JOBS.map((j) => j.name).join(', ')}`));
  assert.equal((await s.get('/no/such/route')).body.error, 'ASSAY_ERR_NOT_FOUND');

  const missing = await s.post('/jobs/ingest/runs', { paths: ['does-not-exist.jsonl'] });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.error, 'ASSAY_ERR_INPUT_NOT_FOUND');
  assert.match(missing.body.message, /does-not-exist\.jsonl/);
  const failed = await s.get(`/runs/${missing.body.run_id}`);
  assert.deepEqual({ status: failed.body.status, error_code: failed.body.error_code }, { status: 'failed', error_code: 'ASSAY_ERR_INPUT_NOT_FOUND' });
});

test('?wait=false answers 202 with the run to follow; jobs posted together run one after the other, each recorded', async (t) => {
  const s = await serve(t);
  const accepted = await s.post('/jobs/ingest/runs?wait=false', { paths: [fixture('canonical.jsonl')] });
  assert.equal(accepted.status, 202);
  assert.equal(accepted.headers.get('location'), `/runs/${accepted.body.run_id}`);
  const both = await Promise.all([s.post('/jobs/cost/runs', {}), s.post('/jobs/drift/runs')]);
  assert.deepEqual(both.map((b) => [b.status, b.body.status]), [[200, 'succeeded'], [200, 'succeeded']]);
  const followed = await s.get(accepted.headers.get('location')!);
  assert.equal(followed.body.status, 'succeeded');
  assert.equal(followed.body.counts.loaded, 5);
  const runs = (await s.get('/runs?limit=10')).body as { job: string; started_at: string; ended_at: string }[];
  assert.deepEqual(runs.map((r) => r.job).sort(), ['cost', 'drift', 'ingest']);
  // one at a time: each run started after the one before it ended
  const ordered = [...runs].sort((a, b) => a.started_at.localeCompare(b.started_at));
  for (let i = 1; i < ordered.length; i++) assert.ok(ordered[i].started_at >= ordered[i - 1].ended_at, JSON.stringify(ordered));
});

test('/openapi.json documents every job of the registry with its own parameters, and the run routes', async (t) => {
  const s = await serve(t);
  const doc = (await s.get('/openapi.json')).body;
  assert.equal(doc.openapi.startsWith('3.'), true);
  for (const job of JOBS) assert.ok(doc.paths[`/jobs/${job.name}/runs`]?.post, `POST /jobs/${job.name}/runs is documented`);
  const ingest = doc.paths['/jobs/ingest/runs'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(ingest.required, ['paths']);
  assert.deepEqual(Object.keys(ingest.properties).sort(), ['format', 'mapping', 'paths', 'sample_rate']);
  assert.ok(doc.paths['/runs'].get && doc.paths['/runs/{run_id}'].get && doc.paths['/health'].get);
  const listed = (await s.get('/jobs')).body as { name: string; params: { properties: Record<string, unknown> } }[];
  assert.deepEqual(listed.map((j) => j.name), JOBS.map((j) => j.name));
  assert.ok('paths' in listed.find((j) => j.name === 'ingest')!.params.properties);
});

test('the report job run over HTTP is served at /reports/: the index lists it, the page is the HTML written to disk, and /reports and /reports/<week> without the slash lead there', async (t) => {
  const s = await serve(t);
  assert.equal((await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] })).status, 200);
  const r = await s.post('/jobs/report/runs', { week: '2026-W45', out: join(s.dir, 'reports') });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const index = await s.get('/reports/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type')!, /text\/html/);
  assert.match(index.body, /2026-W45/);
  const page = await s.get('/reports/2026-W45/report.html');
  assert.equal(page.status, 200);
  assert.match(page.body, /<svg|Verdict/);
  const json = await s.get('/reports/2026-W45/report.json');
  assert.equal(json.body.week, '2026-W45');

  // the folders as a user types them: the index, and the week's report.html at a URL where its relative links work
  const bare = await s.get('/reports');
  assert.deepEqual([bare.status, new URL(bare.url).pathname, bare.body], [200, '/reports/', index.body]);
  const week = await s.get('/reports/2026-W45');
  assert.deepEqual([week.status, new URL(week.url).pathname], [200, '/reports/2026-W45/']);
  assert.equal(week.body, page.body);
  const allReports = /href="([^"]+)">all reports/.exec(week.body)?.[1];
  assert.ok(allReports, 'the report links back to the index');
  const back = await s.get(new URL(allReports, week.url).pathname);
  assert.deepEqual([back.status, back.body], [200, index.body]);
});

test('assay serve listens on the port it prints, answers, and exits 0 on SIGTERM', async () => {
  const dir = tempDir();
  const child = spawn(process.execPath, [BIN, '-w', join(dir, 'w.duckdb'), '--json', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', () => reject(new Error(`assay serve exited before listening: ${out}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const health = (await (await fetch(`${url}/health`)).json()) as { status: string; records: number };
  assert.deepEqual({ status: health.status, records: health.records }, { status: 'ok', records: 0 });
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('assay serve refuses to start on a schedule entry its job would refuse, naming the key, as assay schedule does', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'assay.config.json'), JSON.stringify({ schedule: { entries: [{ job: 'ingest', cron: '0 6 * * 1' }] } }));
  // a server that started would never exit: the timeout kills it and the exit code is null
  const r = await runCli(['-w', join(dir, 'w.duckdb'), 'serve', '--port', '0'], { cwd: dir, timeoutMs: 15_000 });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /ASSAY_ERR_CONFIG: .*schedule\.entries\.0[\s\S]*schedule\.entries\.0\.params\.paths/);
  assert.doesNotMatch(r.stdout, /listening/);
});

test('assay serve on a port in use fails naming the address, without a stack', async (t) => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => taken.close());
  const { port } = taken.address() as AddressInfo;
  const dir = tempDir();
  const r = await runCli(['-w', join(dir, 'w.duckdb'), 'serve', '--port', String(port)], { cwd: dir, timeoutMs: 15_000 });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`^error ASSAY_ERR_USAGE: Cannot listen on 127\\.0\\.0\\.1:${port}: it is in use .*--port`));
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

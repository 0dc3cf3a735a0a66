import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOBS } from '../../jobs/registry.ts';
import { fixture } from '../helpers/ingest.ts';
import { serve } from './serve.ts';

const knownJobs = new RegExp(`Known jobs: ${JOBS.map((j) => j.name).join(', ')}`);

test('a job that finds no data for the week asked is 422 with its failed run, not 404; an unknown run is still 404', async (t) => {
  const s = await serve(t);
  assert.equal((await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] })).status, 200);
  const r = await s.post('/jobs/cost/runs', { week: '2026-W10' });
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error, 'ASSAY_ERR_NO_DATA');
  assert.match(r.body.message, /No records in 2026-W10/);
  const failed = await s.get(`/runs/${r.body.run_id}`);
  assert.deepEqual([failed.body.status, failed.body.error_code], ['failed', 'ASSAY_ERR_NO_DATA']);

  const noRun = await s.get('/runs/cost-20260101000000-00000000');
  assert.deepEqual([noRun.status, noRun.body.error], [404, 'ASSAY_ERR_NO_DATA']);
});

test('GET /runs?job=<unknown> is 400 naming the known jobs, as assay runs --job does; a known job without runs is []', async (t) => {
  const s = await serve(t);
  const r = await s.get('/runs?job=nosuch');
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error, 'ASSAY_ERR_UNKNOWN_JOB');
  assert.match(r.body.message, /Unknown job 'nosuch'/);
  assert.match(r.body.message, knownJobs);
  assert.deepEqual([(await s.get('/runs?job=cost')).status, (await s.get('/runs?job=cost')).body], [200, []]);
  // in the path it is a thing that is not there: 404
  assert.equal((await s.post('/jobs/nosuch/runs', {})).status, 404);
});

test('an empty body sent as application/json runs the job with its defaults; the OpenAPI body is required only for a job with a required parameter', async (t) => {
  const s = await serve(t);
  assert.equal((await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] })).status, 200);
  const r = await s.call('POST', '/jobs/cost/runs', { body: '', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'succeeded');
  assert.deepEqual((await s.get(`/runs/${r.body.run_id}`)).body.params, { reprice: false, dry_run: false });
  // an empty body is no body: ingest still names the parameter it needs
  const ingest = await s.call('POST', '/jobs/ingest/runs', { body: '', headers: { 'content-type': 'application/json' } });
  assert.deepEqual([ingest.status, ingest.body.issues?.map((i: { path: string }) => i.path)], [400, ['body.paths']]);
  // and a body that is not JSON is still refused in the API's error shape
  const bad = await s.call('POST', '/jobs/cost/runs', { body: '{', headers: { 'content-type': 'application/json' } });
  assert.deepEqual([bad.status, bad.body.error], [400, 'ASSAY_ERR_REQUEST']);

  const doc = (await s.get('/openapi.json')).body;
  for (const job of JOBS) {
    const needsBody = job.name === 'ingest';
    assert.equal(doc.paths[`/jobs/${job.name}/runs`].post.requestBody.required, needsBody, `${job.name}: requestBody.required`);
  }
});

test('framework errors use the API error shape: a bad URL is 400 ASSAY_ERR_REQUEST; a wrong method on a route is 405 with Allow', async (t) => {
  const s = await serve(t);
  const badUrl = await s.get('/runs/%FF%FE');
  assert.equal(badUrl.status, 400);
  assert.deepEqual(Object.keys(badUrl.body).sort(), ['error', 'message']);
  assert.equal(badUrl.body.error, 'ASSAY_ERR_REQUEST');
  assert.match(badUrl.body.message, /%FF%FE/);

  for (const [method, path, allow] of [['DELETE', '/runs', 'GET, HEAD'], ['GET', '/jobs/cost/runs', 'POST'], ['PUT', '/runs/some-run', 'GET, HEAD']]) {
    const r = await s.call(method, path);
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path}`);
    assert.equal(r.body.error, 'ASSAY_ERR_REQUEST');
    assert.match(r.body.message, new RegExp(`${method} ${path}: method not allowed; it answers ${allow}`));
  }
  // a path no method answers, and a report file that is not there, are 404
  for (const path of ['/no/such/route', '/reports/2026-W01/report.html']) {
    const r = await s.get(path);
    assert.deepEqual([r.status, r.body.error], [404, 'ASSAY_ERR_NOT_FOUND'], path);
  }
});

test('/openapi.json documents /reports/; a cost option that goes with reprice is refused naming that option', async (t) => {
  const s = await serve(t);
  const doc = (await s.get('/openapi.json')).body;
  const reports = doc.paths['/reports/{file}']?.get;
  assert.ok(reports, `documented: ${Object.keys(doc.paths).join(', ')}`);
  assert.deepEqual(reports.tags, ['reports']);
  assert.deepEqual(reports.parameters.map((p: { name: string; in: string }) => [p.in, p.name]), [['path', 'file']]);

  for (const [body, field] of [[{ dry_run: true }, 'body.dry_run'], [{ from: '2026-11-01' }, 'body.from']] as const) {
    const r = await s.post('/jobs/cost/runs', body);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.issues.map((i: { path: string }) => i.path), [field], JSON.stringify(body));
    assert.match(r.body.message, new RegExp(`${field}: ${field.slice(5)} goes with reprice`));
  }
});

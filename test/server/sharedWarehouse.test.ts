import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from '../helpers/ingest.ts';
import { analyst } from './analyst.ts';
import { serve, serveWithHeldAlerts } from './serve.ts';

// The server runs in this process; the analyst is another one, so DuckDB's file locks decide as they do for a user.

test('between jobs another process reads the file read-only; while a job runs it is refused, naming assay serve; once the run has answered it reads again', async (t) => {
  const { s, hook } = await serveWithHeldAlerts(t);
  const a = await analyst(t, s.path);
  const idle = await a.read('SELECT count(*) AS n FROM drift_results');
  assert.deepEqual(idle, { ok: true, rows: [{ n: 1 }] }, 'the server holds the file read-only: a reader gets in');

  // a job's rows are there for the reader as soon as the job has answered
  const ingest = await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] });
  assert.equal(ingest.status, 200, JSON.stringify(ingest.body));
  assert.deepEqual(await a.read('SELECT count(*) AS n FROM records'), { ok: true, rows: [{ n: 5 }] });
  assert.deepEqual(await a.read(`SELECT status FROM job_runs WHERE run_id = '${ingest.body.run_id}'`), { ok: true, rows: [{ status: 'succeeded' }] });

  // a job that runs until released: the server holds the file for writing meanwhile
  const alerts = s.post('/jobs/alerts/runs', {});
  await hook.arrived;
  const during = await a.read('SELECT count(*) AS n FROM records');
  assert.equal(during.ok, false);
  assert.ok(!during.ok && during.code === 'ASSAY_ERR_WAREHOUSE', JSON.stringify(during));
  assert.match(during.message, new RegExp(`another process has it open \\(PID ${process.pid}: `));
  // the API reads meanwhile (committed data, through the job's instance)
  const health = await s.get('/health');
  assert.deepEqual([health.status, health.body.records, health.body.jobs_queued], [200, 5, 1]);
  const running = (await s.get('/runs?job=alerts')).body as { status: string }[];
  assert.deepEqual(running.map((r) => r.status), ['running']);

  hook.release();
  const done = await alerts;
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const after = await a.read(`SELECT status FROM job_runs WHERE run_id = '${done.body.run_id}'`);
  assert.deepEqual(after, { ok: true, rows: [{ status: 'succeeded' }] }, 'back to read-only before the run answered');
});

test('a process holding the file read-only makes a job fail after the lock wait, naming it, recorded; the server goes on serving and the next run writes it to job_runs', async (t) => {
  const s = await serve(t, {}, { lockWaitMs: 300 });
  const a = await analyst(t, s.path);
  assert.deepEqual(await a.hold('read-only'), { ok: true });

  const refused = await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] });
  assert.equal(refused.status, 503, JSON.stringify(refused.body));
  assert.equal(refused.body.error, 'ASSAY_ERR_WAREHOUSE');
  assert.match(refused.body.message, new RegExp(`^Run ${refused.body.run_id} was not started: the server could not open the warehouse for writing: .*another process has it open \\(PID ${a.pid}: \\S*node .*analystProcess\\.ts`));
  // recorded, and the API still reads the warehouse (both processes hold it read-only)
  const run = await s.get(`/runs/${refused.body.run_id}`);
  assert.deepEqual([run.status, run.body.status, run.body.error_code, run.body.error_message], [200, 'failed', 'ASSAY_ERR_WAREHOUSE', refused.body.message]);
  assert.deepEqual((await s.get('/runs?status=failed')).body.map((r: { run_id: string }) => r.run_id), [refused.body.run_id]);
  assert.deepEqual([(await s.get('/health')).status, (await s.get('/health')).body.records], [200, 0]);
  assert.deepEqual(await a.read('SELECT count(*) AS n FROM job_runs'), { ok: true, rows: [{ n: 0 }] });

  assert.deepEqual(await a.release(), { ok: true });
  const ingest = await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] });
  assert.equal(ingest.status, 200, JSON.stringify(ingest.body));
  const rows = await a.read('SELECT run_id, status, error_code, error_message FROM job_runs ORDER BY started_at');
  assert.deepEqual(rows, {
    ok: true,
    rows: [
      { run_id: refused.body.run_id, status: 'failed', error_code: 'ASSAY_ERR_WAREHOUSE', error_message: refused.body.message },
      { run_id: ingest.body.run_id, status: 'succeeded', error_code: null, error_message: null },
    ],
  });
  // in job_runs now, and answered from there once
  assert.deepEqual((await s.get('/runs?limit=5')).body.map((r: { status: string }) => r.status), ['succeeded', 'failed']);
});

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { fixture } from '../helpers/ingest.ts';
import { serveWithHeldAlerts, until, type Served } from './serve.ts';

/**
 * A server whose first run blocks: an alerts run whose Slack delivery is held until the test releases it (a
 * firing drift finding, one channel). Whatever is posted after it waits in the queue meanwhile.
 */
async function serveBehindHeldRun(t: TestContext): Promise<{ s: Served; blocking: string; release: () => void }> {
  const { s, hook } = await serveWithHeldAlerts(t);
  const alerts = await s.post('/jobs/alerts/runs?wait=false', {});
  assert.equal(alerts.status, 202, JSON.stringify(alerts.body));
  await hook.arrived;
  return { s, blocking: alerts.body.run_id, release: hook.release };
}

const ended = (r: { body: { status: string } }) => !['queued', 'running'].includes(r.body.status);

test('?wait=false answers 202 at once for a run queued behind a running job; /runs/<id> shows it queued, then it runs under that id', async (t) => {
  const { s, blocking, release } = await serveBehindHeldRun(t);
  assert.equal((await s.get(`/runs/${blocking}`)).body.status, 'running');

  const accepted = await s.post('/jobs/ingest/runs?wait=false', { paths: [fixture('canonical.jsonl')] });
  assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
  assert.deepEqual({ job: accepted.body.job, status: accepted.body.status }, { job: 'ingest', status: 'queued' });
  assert.equal(accepted.headers.get('location'), `/runs/${accepted.body.run_id}`);
  const queued = await s.get(accepted.headers.get('location')!);
  assert.equal(queued.status, 200);
  assert.deepEqual(
    { status: queued.body.status, started_at: queued.body.started_at, params: queued.body.params },
    { status: 'queued', started_at: null, params: { paths: [fixture('canonical.jsonl')] } },
  );
  assert.equal((await s.get('/health')).body.jobs_queued, 2);
  // still waiting: nothing in job_runs for it yet
  assert.deepEqual((await s.get('/runs?job=ingest')).body, []);

  release();
  const done = await until(() => s.get(`/runs/${accepted.body.run_id}`), ended);
  assert.deepEqual({ status: done.body.status, loaded: done.body.counts?.loaded }, { status: 'succeeded', loaded: 5 });
  const first = await s.get(`/runs/${blocking}`);
  assert.equal(first.body.status, 'succeeded');
  assert.ok(done.body.started_at >= first.body.ended_at, 'the queued run started after the one ahead of it ended');
});

test('close() (SIGTERM) refuses new requests, lets the running job finish and records the queued runs as not started', async (t) => {
  const { s, blocking, release } = await serveBehindHeldRun(t);
  const queued = await s.post('/jobs/ingest/runs?wait=false', { paths: [fixture('canonical.jsonl')] });
  assert.equal(queued.status, 202);
  const waiting = s.post('/jobs/cost/runs', {});
  await until(() => s.get('/health'), (h) => h.body.jobs_queued === 3);

  const closed = s.close();
  // a new request: refused at the socket, or answered 503 on a connection still open; never taken
  const late = await s.post('/jobs/drift/runs', {}).catch((e: Error) => e);
  if (!(late instanceof Error)) assert.deepEqual([late.status, late.body.error], [503, 'ASSAY_ERR_SHUTDOWN']);

  release();
  const cancelled = await waiting;
  assert.equal(cancelled.status, 503, JSON.stringify(cancelled.body));
  assert.equal(cancelled.body.error, 'ASSAY_ERR_SHUTDOWN');
  assert.match(cancelled.body.message, /not started: the server shut down while it waited in the queue/);
  await closed;

  const runs = await s.query<{ run_id: string; job: string; status: string; error_code: string | null }>(
    `SELECT run_id, job, status, error_code FROM job_runs ORDER BY job`,
  );
  assert.deepEqual(runs, [
    { run_id: blocking, job: 'alerts', status: 'succeeded', error_code: null },
    { run_id: cancelled.body.run_id, job: 'cost', status: 'failed', error_code: 'ASSAY_ERR_SHUTDOWN' },
    { run_id: queued.body.run_id, job: 'ingest', status: 'failed', error_code: 'ASSAY_ERR_SHUTDOWN' },
  ]);
  assert.deepEqual(await s.query('SELECT count(*) AS n FROM records'), [{ n: 0 }], 'the queued ingest did not run');
});

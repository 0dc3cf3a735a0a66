import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import type { OpenWarehouse } from '../../server/heldWarehouse.ts';
import { fixture } from '../helpers/ingest.ts';
import { analyst, type Analyst } from './analyst.ts';
import { serve } from './serve.ts';

/**
 * Warehouse.open, except that once armed, the next time the server opens the file for writing (it has just closed its
 * read-only instance, so it holds nothing) the analyst process gets in first and opens it for writing: what a DuckDB
 * CLI started without -readonly at that moment does.
 */
function analystGetsInFirst(): { open: OpenWarehouse; arm: (a: Analyst) => void } {
  let armed: Analyst | undefined;
  return {
    arm: (a) => (armed = a),
    open: async (path, options) => {
      if (!options.readOnly && armed) {
        const a = armed;
        armed = undefined;
        assert.deepEqual(await a.hold('read-write'), { ok: true });
      }
      return Warehouse.open(path, options);
    },
  };
}

test('a process holding the file for writing makes the job fail naming it and GETs of the warehouse 503 naming it; the run is answered from the queue; once it lets go the server reads again and job_runs gets the run', async (t) => {
  const first = analystGetsInFirst();
  const s = await serve(t, {}, { lockWaitMs: 300, open: first.open });
  const a = await analyst(t, s.path);
  first.arm(a);

  const refused = await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] });
  assert.equal(refused.status, 503, JSON.stringify(refused.body));
  assert.equal(refused.body.error, 'ASSAY_ERR_WAREHOUSE');
  assert.match(refused.body.message, new RegExp(`was not started: the server could not open the warehouse for writing: .*another process has it open \\(PID ${a.pid}: \\S*node .*analystProcess\\.ts`));

  const run = await s.get(`/runs/${refused.body.run_id}`);
  assert.deepEqual([run.status, run.body.status, run.body.error_message], [200, 'failed', refused.body.message]);
  const health = await s.get('/health');
  assert.deepEqual([health.status, health.body.error], [503, 'ASSAY_ERR_WAREHOUSE']);
  assert.match(health.body.message, new RegExp(`PID ${a.pid}: `));
  assert.equal((await s.get('/jobs')).status, 200, 'what does not read the warehouse answers as ever');

  assert.deepEqual(await a.release(), { ok: true });
  assert.deepEqual([(await s.get('/health')).status, (await s.get('/health')).body.records], [200, 0], 'the server opens the file read-only again');
  const ingest = await s.post('/jobs/ingest/runs', { paths: [fixture('canonical.jsonl')] });
  assert.equal(ingest.status, 200, JSON.stringify(ingest.body));
  assert.deepEqual(await a.read('SELECT status, error_code FROM job_runs ORDER BY started_at'), {
    ok: true,
    rows: [{ status: 'failed', error_code: 'ASSAY_ERR_WAREHOUSE' }, { status: 'succeeded', error_code: null }],
  });
});

test('shutdown while a job waits for the file: it runs once the file is free, the queued run is recorded as not started, and the server leaves no instance open', async (t) => {
  const s = await serve(t, {}, { lockWaitMs: 1500 });
  const a = await analyst(t, s.path);
  assert.deepEqual(await a.hold('read-only'), { ok: true });
  const waiting = await s.post('/jobs/ingest/runs?wait=false', { paths: [fixture('canonical.jsonl')] });
  const queued = await s.post('/jobs/ingest/runs?wait=false', { paths: [fixture('canonical.jsonl')] });
  assert.deepEqual([waiting.status, queued.status], [202, 202]);

  // SIGTERM while the first run waits for the analyst to let go (its lock wait is 1.5 s); the analyst lets go soon after
  const closed = s.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(await a.release(), { ok: true });
  await closed;

  // a process can open the file for writing: nothing of the server's holds it
  assert.deepEqual(await a.hold('read-write'), { ok: true });
  await a.release();
  const runs = await s.query<{ run_id: string; status: string; error_code: string | null }>('SELECT run_id, status, error_code FROM job_runs ORDER BY started_at');
  assert.deepEqual(runs, [
    { run_id: waiting.body.run_id, status: 'succeeded', error_code: null },
    { run_id: queued.body.run_id, status: 'failed', error_code: 'ASSAY_ERR_SHUTDOWN' },
  ]);
  assert.deepEqual(await s.query('SELECT count(*) AS n FROM records'), [{ n: 5 }]);
});

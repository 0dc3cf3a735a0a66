import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { defineJob } from '../../jobs/defineJob.ts';
import { runJob } from '../../jobs/runJob.ts';
import { insertRecords, tempWarehouse } from '../helpers/tempWarehouse.ts';

const writer = defineJob({
  name: 'test_writer',
  description: 'inserts n records, then fails if asked to',
  params: z.object({ n: z.number().int().positive(), fail: z.boolean().default(false) }).strict(),
  async run(ctx, p) {
    await insertRecords(ctx.wh, Array.from({ length: p.n }, (_, i) => ({ id: `r${i}`, ts: '2026-11-02T10:00:00Z' })));
    if (p.fail) throw new Error('planned failure after writing');
    return { counts: { written: p.n } };
  },
});

test('a successful run is recorded in job_runs with its parameters and counts', async () => {
  const t = await tempWarehouse();
  try {
    const out = await runJob(writer, { n: 3 }, { wh: t.wh, config: t.config });
    const row = await t.wh.one<{ status: string; params: string; counts: string; ended_at: string | null }>(
      'SELECT status, params, counts, ended_at FROM job_runs WHERE run_id = $1',
      [out.runId],
    );
    assert.equal(row?.status, 'succeeded');
    assert.deepEqual(JSON.parse(row!.params), { n: 3, fail: false });
    assert.deepEqual(JSON.parse(row!.counts), { written: 3 });
    assert.ok(row?.ended_at);
  } finally {
    t.cleanup();
  }
});

test('a failing run leaves no partial writes and is recorded as failed with its error', async () => {
  const t = await tempWarehouse();
  try {
    await assert.rejects(runJob(writer, { n: 5, fail: true }, { wh: t.wh, config: t.config }), /planned failure/);
    const n = await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records');
    assert.equal(n?.n, 0);
    const row = await t.wh.one<{ status: string; error_message: string; error_code: string }>(
      `SELECT status, error_message, error_code FROM job_runs WHERE job = 'test_writer'`,
    );
    assert.equal(row?.status, 'failed');
    assert.equal(row?.error_code, 'ASSAY_ERR_JOB_FAILED');
    assert.match(row!.error_message, /planned failure/);
  } finally {
    t.cleanup();
  }
});

test('invalid parameters are rejected before anything runs, naming the bad key', async () => {
  const t = await tempWarehouse();
  try {
    await assert.rejects(runJob(writer, { n: -1 }, { wh: t.wh, config: t.config }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ASSAY_ERR_JOB_PARAMS');
      assert.match(e.message, /\bn: /);
      return true;
    });
    const n = await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM job_runs');
    assert.equal(n?.n, 0);
  } finally {
    t.cleanup();
  }
});

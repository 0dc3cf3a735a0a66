import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../../data/warehouse.ts';
import { BIN, runCli } from '../../helpers/cli.ts';
import { fixture } from '../../helpers/ingest.ts';
import { tempDir } from '../../helpers/tempWarehouse.ts';

interface ShownRun { run_id: string; job: string; status: string; error_message: string | null; status_note: string | null; runner_host: string | null; runner_pid: number | null }

test('a job killed with SIGKILL shows as abandoned in assay runs (read-only, writing nothing), naming its process and host; a read-write open still records it so', async () => {
  const dir = tempDir();
  const path = join(dir, 'w.duckdb');
  (await Warehouse.open(path)).close(); // made and closed as a previous run would leave it
  // the job stops at the fault point inside its transaction, its job_runs row committed as 'running', and is killed there
  const child = spawn(process.execPath, [BIN, '-w', path, 'ingest', fixture('canonical.jsonl')], {
    cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ASSAY_FAULT_POINT: 'ingest:written' },
  });
  let stderr = '';
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (/stopped at fault point ingest:written/.test(stderr)) child.kill('SIGKILL');
  });
  assert.equal(await exit, 'SIGKILL', `the ingest ended before it could be killed: ${stderr}`);
  const pid = child.pid!;

  // from outside the repository, as on-call staff would run it
  const shown = await runCli(['-w', path, 'runs', '--json'], { cwd: dir });
  assert.equal(shown.code, 0, shown.stderr);
  const [run, ...more] = JSON.parse(shown.stdout) as ShownRun[];
  assert.deepEqual(more, []);
  assert.deepEqual(
    { job: run.job, status: run.status, runner_host: run.runner_host, runner_pid: run.runner_pid, error_message: run.error_message },
    { job: 'ingest', status: 'abandoned', runner_host: hostname(), runner_pid: pid, error_message: `process ${pid} on host ${hostname()} is gone: the run stopped before it finished` },
  );
  assert.match(run.status_note ?? '', /job_runs says 'running' until the next read-write open/);
  // the read-only look wrote nothing: job_runs still says running
  const ro = await Warehouse.open(path, { readOnly: true });
  try {
    assert.deepEqual(await ro.all(`SELECT status, error_message FROM job_runs`), [{ status: 'running', error_message: null }]);
  } finally {
    ro.close();
  }
  // the next read-write open records the abandonment as before
  const wh = await Warehouse.open(path);
  try {
    const recorded = await wh.all<{ status: string; error_message: string; runner_pid: number; records: number }>(
      `SELECT status, error_message, runner_pid, (SELECT count(*) FROM records) AS records FROM job_runs`,
    );
    assert.deepEqual(recorded.map((r) => ({ ...r, error_message: r.error_message.split(';')[0] })), [
      { status: 'abandoned', error_message: 'the process running this job stopped before it finished', runner_pid: pid, records: 0 },
    ]);
  } finally {
    wh.close();
  }
});

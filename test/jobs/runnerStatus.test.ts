import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { probeProcess, seenStatus, type ProcessProbe, type RecordedRun, type SeenStatus } from '../../jobs/runnerStatus.ts';

const STARTED = '2026-11-16T06:00:00.000Z';
const run = (r: Partial<RecordedRun>): RecordedRun => ({ status: 'running', started_at: STARTED, error_message: null, runner_host: 'box-a', runner_pid: 1234, ...r });
const NOTE = "job_runs says 'running' until the next read-write open of the warehouse records it as abandoned";

test('seenStatus: a running run whose process is gone from this host is abandoned, naming process and host; others as recorded', () => {
  const cases: { name: string; run: RecordedRun; probe?: ProcessProbe; want: SeenStatus }[] = [
    { name: 'process gone', run: run({}), probe: { state: 'gone' },
      want: { status: 'abandoned', error_message: 'process 1234 on host box-a is gone: the run stopped before it finished', status_note: NOTE } },
    { name: 'process there, started before the run', run: run({}), probe: { state: 'alive', startedAt: new Date('2026-11-16T05:59:59.500Z') },
      want: { status: 'running', error_message: null, status_note: null } },
    { name: 'process there, start time unknown (no /proc)', run: run({}), probe: { state: 'alive' },
      want: { status: 'running', error_message: null, status_note: null } },
    { name: 'pid reused by a process started after the run (a reboot)', run: run({}), probe: { state: 'alive', startedAt: new Date('2026-11-16T07:00:00.000Z') },
      want: { status: 'abandoned', error_message: 'process 1234 on host box-a is gone (pid 1234 is now a process started at 2026-11-16T07:00:00.000Z, after the run): the run stopped before it finished', status_note: NOTE } },
    { name: 'start within the clock slack is the same process', run: run({}), probe: { state: 'alive', startedAt: new Date('2026-11-16T06:00:01.500Z') },
      want: { status: 'running', error_message: null, status_note: null } },
    { name: 'cannot be checked', run: run({}), probe: { state: 'unknown', error: 'EINVAL' },
      want: { status: 'running', error_message: null, status_note: 'process 1234 on host box-a could not be checked: EINVAL' } },
    { name: 'another host', run: run({ runner_host: 'box-b' }),
      want: { status: 'running', error_message: null, status_note: 'running on host box-b (process 1234): not checked from host box-a' } },
    { name: 'recorded before migration 068', run: run({ runner_host: null, runner_pid: null }),
      want: { status: 'running', error_message: null, status_note: 'recorded without its host and process (before migration 068): not checked' } },
    { name: 'columns missing (read-only, not migrated)', run: { status: 'running', started_at: STARTED, error_message: null },
      want: { status: 'running', error_message: null, status_note: 'recorded without its host and process (before migration 068): not checked' } },
    { name: 'finished runs are as recorded, whatever the process', run: run({ status: 'failed', error_message: 'boom' }), probe: { state: 'gone' },
      want: { status: 'failed', error_message: 'boom', status_note: null } },
    { name: 'recorded abandoned keeps its message', run: run({ status: 'abandoned', error_message: 'the process running this job stopped' }), probe: { state: 'gone' },
      want: { status: 'abandoned', error_message: 'the process running this job stopped', status_note: null } },
  ];
  for (const c of cases) {
    const probed: number[] = [];
    const got = seenStatus(c.run, { host: 'box-a', probe: (pid) => (probed.push(pid), c.probe ?? assert.fail(`${c.name}: probed pid ${pid}`)) });
    assert.deepEqual(got, c.want, c.name);
    assert.deepEqual(probed, c.run.status === 'running' && c.probe ? [1234] : [], `${c.name}: only a running run on this host is probed`);
  }
});

test('probeProcess: this process is alive and started before now; an exited child is gone', async () => {
  const self = probeProcess(process.pid);
  assert.equal(self.state, 'alive');
  if (self.state === 'alive' && process.platform === 'linux') {
    assert.ok(self.startedAt, 'Linux gives the start time');
    assert.ok(self.startedAt.getTime() <= Date.now() && self.startedAt.getTime() > Date.now() - 10 * 60_000, self.startedAt.toISOString());
  }
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  assert.deepEqual(probeProcess(child.pid!), { state: 'gone' });
  assert.equal(probeProcess(0).state, 'unknown');
});

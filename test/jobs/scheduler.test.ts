import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../jobs/config.ts';
import { dueFire, listSchedule, planSchedule, runScheduler, type EntryState } from '../../jobs/scheduler.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { fixture } from '../helpers/ingest.ts';
import { tempDir, tempWarehouse } from '../helpers/tempWarehouse.ts';

const at = (iso: string) => new Date(iso);

test('an entry is due once per fire time after it was armed; fire times missed while down coalesce into one run', () => {
  const [nightly] = planSchedule(parseConfig({ schedule: { entries: [{ job: 'cost', cron: '0 2 * * *' }] } }, '(test)'));
  const armed: EntryState = { armed_at: '2026-11-30T01:00:00.000Z', last_fire_at: null };
  const cases: [string, typeof armed, string | null, number][] = [
    ['2026-11-30T01:59:59Z', armed, null, 0], // before the first fire time
    ['2026-11-30T02:00:00Z', armed, '2026-11-30T02:00:00.000Z', 0], // exactly at it
    ['2026-11-30T02:10:00Z', armed, '2026-11-30T02:00:00.000Z', 0],
    ['2026-11-30T02:10:00Z', { ...armed, last_fire_at: '2026-11-30T02:00:00.000Z' }, null, 0], // already ran for it
    ['2026-12-03T05:00:00Z', { ...armed, last_fire_at: '2026-11-30T02:00:00.000Z' }, '2026-12-03T02:00:00.000Z', 2], // down for 3 days
    ['2026-11-30T03:00:00Z', { armed_at: '2026-11-30T02:30:00.000Z', last_fire_at: null }, null, 0], // armed after 02:00: not owed
  ];
  for (const [now, state, fire, missed] of cases) {
    const due = dueFire(nightly, state, at(now));
    assert.deepEqual(due && { fire: due.fire.toISOString(), missed: due.missed }, fire && { fire, missed }, `at ${now}`);
  }
});

test('cron expressions are read in the schedule time zone', () => {
  const [berlin] = planSchedule(parseConfig({ schedule: { timezone: 'Europe/Berlin', entries: [{ job: 'cost', cron: '0 2 * * *' }] } }, '(test)'));
  const due = dueFire(berlin, { armed_at: '2026-11-29T00:00:00.000Z', last_fire_at: null }, at('2026-11-30T01:30:00Z'));
  assert.equal(due?.fire.toISOString(), '2026-11-30T01:00:00.000Z'); // 02:00 CET
});

test('schedule errors name the key: an unknown job, parameters the job refuses, a bad cron, a duplicate entry', () => {
  const fails = (schedule: unknown, re: RegExp) => assert.throws(() => planSchedule(parseConfig({ schedule }, 'assay.config.json')), re);
  fails({ entries: [{ job: 'nightly', cron: '0 2 * * *' }] }, /schedule\.entries\.0\.job: Unknown job 'nightly'\. Known jobs: demo, ingest/);
  fails({ entries: [{ job: 'cost', cron: '0 2 * * *' }, { job: 'ingest', cron: '0 3 * * *', params: { path: 'x' } }] }, /schedule\.entries\.1\.params\.paths: Invalid input: expected array[^\n]*\n *schedule\.entries\.1\.params: Unrecognized key: "path"/);
  fails({ entries: [{ job: 'cost', cron: '0 25 * * *' }] }, /schedule\.entries\.0\.cron: not a cron expression/);
  fails({ entries: [{ job: 'cost', cron: '0 2 * * *' }, { job: 'cost', cron: '0 3 * * *' }] }, /schedule\.entries\.1\.name: 'cost' is also entry 0/);
  fails({ timezone: 'Mars/Olympus', entries: [] }, /schedule\.timezone: not an IANA time zone/);
});

test('the scheduler runs due jobs through runJob, records each run and the fire time, and goes on after a failed one', async () => {
  const t = await tempWarehouse();
  try {
    const config = parseConfig({
      schedule: {
        entries: [
          { name: 'load', job: 'ingest', cron: '*/15 * * * *', params: { paths: [fixture('canonical.jsonl')] } },
          { name: 'broken', job: 'ingest', cron: '*/15 * * * *', params: { paths: ['missing-dir/*.jsonl'] } },
          { name: 'cost', job: 'cost', cron: '0 * * * *' },
        ],
      },
    }, '(test)');
    let clock = at('2026-11-30T09:58:00Z');
    const run = () => runScheduler({ wh: t.wh, config, baseDir: t.dir, once: true, now: () => clock });
    assert.deepEqual(await run(), [], 'arming runs nothing');
    clock = at('2026-11-30T10:05:00Z');
    const first = await run();
    assert.deepEqual(first.map((r) => [r.entry, r.status, r.fire_at]), [
      ['load', 'succeeded', '2026-11-30T10:00:00.000Z'],
      ['broken', 'failed', '2026-11-30T10:00:00.000Z'],
      ['cost', 'succeeded', '2026-11-30T10:00:00.000Z'],
    ]);
    assert.match(first[1].error!, /No files match missing-dir/);
    const recorded = await t.wh.all<{ run_id: string; job: string; status: string }>('SELECT run_id, job, status FROM job_runs ORDER BY started_at');
    assert.deepEqual(recorded.map((r) => [r.run_id, r.status]), first.map((r) => [r.run_id, r.status]));
    assert.equal((await t.wh.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 5);
    assert.deepEqual(await run(), [], 'the same fire time is not run twice');

    clock = at('2026-11-30T11:20:00Z'); // 10:15, 10:30, 10:45, 11:00, 11:15 passed: one run for 11:15
    const later = await run();
    assert.deepEqual(later.map((r) => [r.entry, r.fire_at, r.missed]), [
      ['load', '2026-11-30T11:15:00.000Z', 4],
      ['broken', '2026-11-30T11:15:00.000Z', 4],
      ['cost', '2026-11-30T11:00:00.000Z', 0],
    ]);
    const listing = await listSchedule(t.wh, config, clock);
    assert.deepEqual(listing.map((l) => [l.entry, l.next_run_at, l.last_fire_at, l.last_status]), [
      ['load', '2026-11-30T11:30:00.000Z', '2026-11-30T11:15:00.000Z', 'succeeded'],
      ['broken', '2026-11-30T11:30:00.000Z', '2026-11-30T11:15:00.000Z', 'failed'],
      ['cost', '2026-11-30T12:00:00.000Z', '2026-11-30T11:00:00.000Z', 'succeeded'],
    ]);
  } finally {
    t.cleanup();
  }
});

test('left running, the scheduler sleeps until the next fire time and runs each one; changing an entry\'s cron re-arms it', async () => {
  const t = await tempWarehouse();
  try {
    const config = parseConfig({ schedule: { entries: [{ job: 'cost', cron: '*/10 * * * *' }] } }, '(test)');
    let clock = at('2026-11-30T10:01:00Z');
    const stop = new AbortController();
    const slept: number[] = [];
    const runs = await runScheduler({
      wh: t.wh, config, baseDir: t.dir, signal: stop.signal, now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock = new Date(clock.getTime() + ms);
        if (clock >= at('2026-11-30T10:35:00Z')) stop.abort();
      },
    });
    assert.deepEqual(runs.map((r) => r.fire_at), ['2026-11-30T10:10:00.000Z', '2026-11-30T10:20:00.000Z', '2026-11-30T10:30:00.000Z']);
    assert.ok(slept.every((ms) => ms <= 60_000), 'never sleeps more than a minute');

    const hourly = parseConfig({ schedule: { entries: [{ job: 'cost', cron: '0 * * * *' }] } }, '(test)');
    clock = at('2026-11-30T10:40:00Z');
    assert.deepEqual(await runScheduler({ wh: t.wh, config: hourly, baseDir: t.dir, once: true, now: () => clock }), []);
    const [row] = await t.wh.all<{ cron: string; armed_at: string }>('SELECT cron, armed_at FROM schedule_state');
    assert.deepEqual(row, { cron: '0 * * * *', armed_at: '2026-11-30T10:40:00.000Z' });
  } finally {
    t.cleanup();
  }
});

test('assay schedule --once runs what is due and --list --json shows the entries; a config error exits 2 naming the key', async () => {
  const dir = tempDir();
  const configFile = join(dir, 'assay.config.json');
  writeFileSync(configFile, JSON.stringify({ warehouse: { path: 'w.duckdb' }, schedule: { entries: [{ job: 'cost', cron: '* * * * *' }] } }));
  const once = await runCli(['-c', configFile, '--json', 'schedule', '--once']);
  assert.equal(once.code, 0, once.stderr);
  assert.deepEqual(JSON.parse(once.stdout), []); // armed now: the minute that began before is not owed
  const list = await runCli(['-c', configFile, '--json', 'schedule', '--list']);
  const [entry] = JSON.parse(list.stdout) as { entry: string; next_run_at: string; armed_at: string }[];
  assert.equal(entry.entry, 'cost');
  assert.ok(Date.parse(entry.next_run_at) > Date.parse(entry.armed_at));
  writeFileSync(configFile, JSON.stringify({ schedule: { entries: [{ job: 'ingest', cron: '0 2 * * *', params: {} }] } }));
  const bad = await runCli(['-c', configFile, 'schedule', '--list']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /schedule\.entries\.0\.params\.paths/);
});

test('a scheduler killed during a job leaves the fire time owed: the job rolled back, the next start runs it', async () => {
  const dir = tempDir();
  const configFile = join(dir, 'assay.config.json');
  writeFileSync(configFile, JSON.stringify({
    warehouse: { path: 'w.duckdb' },
    schedule: { entries: [{ job: 'ingest', cron: '* * * * * *', params: { paths: [fixture('canonical.jsonl')] } }] },
  }));
  assert.equal((await runCli(['-c', configFile, 'schedule', '--once'])).code, 0); // arms
  await new Promise((r) => setTimeout(r, 1100));
  const child = spawn(process.execPath, [BIN, '-c', configFile, 'schedule', '--once'], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ASSAY_FAULT_POINT: 'ingest:written' },
  });
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (/stopped at fault point/.test(stderr)) child.kill('SIGKILL');
  });
  assert.equal(await exit, 'SIGKILL', stderr);
  const state = await runCli(['-c', configFile, '--json', 'sql', 'SELECT last_fire_at, (SELECT count(*) FROM records) AS records FROM schedule_state']);
  assert.deepEqual(JSON.parse(state.stdout), [{ last_fire_at: null, records: 0 }]);
  const again = await runCli(['-c', configFile, '--json', 'schedule', '--once']);
  assert.deepEqual((JSON.parse(again.stdout) as { status: string }[]).map((r) => r.status), ['succeeded']);
  const after = await runCli(['-c', configFile, '--json', 'sql', 'SELECT (SELECT count(*) FROM records) AS records, (SELECT list(status ORDER BY started_at) FROM job_runs) AS runs']);
  assert.deepEqual(JSON.parse(after.stdout), [{ records: 5, runs: ['abandoned', 'succeeded'] }]);
});

test('schedule --once with no entries runs nothing and fails nothing (it forgot removed entries with an empty list DuckDB could not type)', async () => {
  const t = await tempWarehouse();
  try {
    t.wh.close();
    const r = await runCli(['-w', t.path, 'schedule', '--once']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout + r.stderr, /nothing due|no entries/);
  } finally {
    t.cleanup();
  }
});

test('a scheduler left running holds the warehouse only while its jobs run: between them, other processes open it', async (t) => {
  const dir = tempDir();
  const configFile = join(dir, 'assay.config.json');
  writeFileSync(configFile, JSON.stringify({ warehouse: { path: 'w.duckdb' }, schedule: { entries: [{ job: 'cost', cron: '0 0 1 1 *' }] } }));
  const child = spawn(process.execPath, [BIN, '-c', configFile, 'schedule'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the scheduler did not start: ${stderr}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/schedule: 1 entry armed; next: cost at \d{4}-01-01/.test(stderr)) (clearTimeout(timer), resolve());
    });
  });
  // armed and asleep until 1 January: the file is free for a query and for --list
  const q = await runCli(['-c', configFile, '--json', 'sql', 'SELECT entry FROM schedule_state']);
  assert.equal(q.code, 0, q.stderr);
  assert.deepEqual(JSON.parse(q.stdout), [{ entry: 'cost' }]);
  const list = await runCli(['-c', configFile, '--json', 'schedule', '--list']);
  assert.equal(list.code, 0, list.stderr);
  child.kill('SIGTERM');
  assert.equal(await exit, 0, stderr);
});

test('the schedule listing shows a last run left running by a process that is gone as abandoned, as assay runs does', async () => {
  const t = await tempWarehouse();
  try {
    const config = parseConfig({ schedule: { entries: [{ job: 'cost', cron: '0 * * * *' }, { job: 'drift', cron: '0 * * * *' }] } }, '(test)');
    // a process that has exited: its pid is gone from this host
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    const { hostname } = await import('node:os');
    await t.wh.run(
      `INSERT INTO job_runs (run_id, job, params, started_at, status, runner_host, runner_pid) VALUES
         ('killed', 'cost', '{}', now(), 'running', $1, $2), ('live', 'drift', '{}', now(), 'running', $1, $3)`,
      [hostname(), pid, process.pid],
    );
    await t.wh.run(
      `INSERT INTO schedule_state (entry, job, cron, timezone, armed_at, last_fire_at, last_run_id, updated_at) VALUES
         ('cost', 'cost', '0 * * * *', 'UTC', now(), now(), 'killed', now()), ('drift', 'drift', '0 * * * *', 'UTC', now(), now(), 'live', now())`,
    );
    const listing = await listSchedule(t.wh, config);
    assert.deepEqual(listing.map((l) => [l.entry, l.last_run_id, l.last_status]), [['cost', 'killed', 'abandoned'], ['drift', 'live', 'running']]);
  } finally {
    t.cleanup();
  }
});

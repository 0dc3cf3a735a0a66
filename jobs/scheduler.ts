import { Cron } from 'croner';
import { AssayError, errorMessage } from '../data/errors.ts';
import type { Warehouse } from '../data/warehouse.ts';
import type { AssayConfig } from './config.ts';
import type { JobDefinition } from './defineJob.ts';
import { getJob } from './registry.ts';
import { runJob } from './runJob.ts';
import { runnerColumns, withSeenStatus, type RecordedRun } from './runnerStatus.ts';
import { formatZodIssues } from '../data/zodIssues.ts';

/** One validated schedule entry: its job from the registry and its cron in the schedule's time zone. */
export interface PlannedEntry {
  name: string;
  job: JobDefinition;
  cron: string;
  timezone: string;
  params: Record<string, unknown>;
  pattern: Cron;
}

/**
 * The config's schedule, checked against the jobs registry: an unknown job or parameters the job refuses are
 * config errors naming the entry's key (schedule.entries.1.params.paths), found when the scheduler starts
 * rather than at 02:00.
 */
export function planSchedule(config: AssayConfig): PlannedEntry[] {
  const { timezone, entries } = config.schedule;
  return entries.map((e, i) => {
    const key = `schedule.entries.${i}`;
    let job: JobDefinition;
    try {
      job = getJob(e.job);
    } catch (err) {
      throw new AssayError('ASSAY_ERR_CONFIG', `${key}.job: ${errorMessage(err)}`, { key: `${key}.job` });
    }
    const parsed = job.params.safeParse(e.params);
    if (!parsed.success) {
      throw new AssayError('ASSAY_ERR_CONFIG', `Invalid config: the parameters of job '${e.job}' in ${key}:\n${formatZodIssues(parsed.error).replace(/^( *)/gm, `$1${key}.params.`).replaceAll('.params.(root)', '.params')}`, { key: `${key}.params` });
    }
    return { name: e.name ?? e.job, job, cron: e.cron, timezone, params: e.params, pattern: new Cron(e.cron, { timezone, paused: true }) };
  });
}

export interface EntryState {
  armed_at: string;
  last_fire_at: string | null;
}

/**
 * Whether an entry is due at `now`: its latest fire time at or before now, if that is later than both the
 * moment the entry was armed and the fire time it last ran for. Fire times missed while the scheduler was
 * down coalesce into one run (`missed` counts the others, up to 1000).
 */
export function dueFire(entry: Pick<PlannedEntry, 'pattern'>, state: EntryState, now: Date): { fire: Date; missed: number } | null {
  const since = Math.max(Date.parse(state.armed_at), state.last_fire_at ? Date.parse(state.last_fire_at) : -Infinity);
  // previousRuns looks strictly before its reference: a fire time equal to now counts, so look from just after
  const owed = entry.pattern.previousRuns(1001, new Date(now.getTime() + 1)).filter((d) => d.getTime() > since);
  if (owed.length === 0) return null;
  return { fire: owed[0], missed: owed.length - 1 };
}

export interface SchedulerOptions {
  /** The warehouse, held for the whole run (tests, `--once`); or `open`, to hold it only while jobs run. */
  wh?: Warehouse;
  /**
   * Opens the warehouse for a pass that has jobs to run; it is closed before the scheduler sleeps, so other
   * processes (assay sql, an analyst's DuckDB client, assay serve) can open the file between runs: DuckDB lets one
   * process at a time hold a file open for writing, and no other open it at all meanwhile.
   */
  open?: () => Promise<Warehouse>;
  config: AssayConfig;
  baseDir: string;
  /** Run what is due now and return (for a system cron or CI), instead of running until stopped. */
  once?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
  /** Waits ms or until the signal aborts; tests pass one that moves their clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: (message: string) => void;
}

export interface ScheduledRun {
  [k: string]: unknown;
  entry: string;
  job: string;
  fire_at: string;
  missed: number;
  run_id: string | null;
  status: 'succeeded' | 'failed';
  error?: string;
}

/** The longest the loop sleeps before looking again (the clock may jump; the config does not change). */
const MAX_SLEEP_MS = 60_000;

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Arms new entries (and entries whose cron or time zone changed) at `now`, and forgets removed ones. */
async function syncState(wh: Warehouse, plan: PlannedEntry[], now: Date): Promise<void> {
  await wh.transaction(async () => {
    const names = plan.map((p) => p.name);
    // an empty list cannot be bound (DuckDB cannot type it): no entries left forgets them all
    if (names.length === 0) await wh.run('DELETE FROM schedule_state');
    else await wh.run(`DELETE FROM schedule_state WHERE NOT list_contains(CAST($1 AS VARCHAR[]), entry)`, [names]);
    for (const p of plan) {
      await wh.run(
        `INSERT INTO schedule_state (entry, job, cron, timezone, armed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (entry) DO UPDATE SET job = excluded.job, cron = excluded.cron, timezone = excluded.timezone,
           armed_at = CASE WHEN schedule_state.cron = excluded.cron AND schedule_state.timezone = excluded.timezone THEN schedule_state.armed_at ELSE excluded.armed_at END,
           updated_at = excluded.updated_at`,
        [p.name, p.job.name, p.cron, p.timezone, now.toISOString()],
      );
    }
  });
}

/**
 * Runs the schedule: each entry's job, through runJob (so every run is recorded in job_runs), when its cron
 * says, one job at a time in config order. A failed run is recorded and the scheduler goes on; the entry runs
 * again at its next fire time. The fire time is marked done after the job, so a scheduler killed during a job
 * (whose writes roll back) runs it again when restarted. Returns the runs it made.
 */
export async function runScheduler(opts: SchedulerOptions): Promise<ScheduledRun[]> {
  const now = opts.now ?? (() => new Date());
  const sleep = opts.sleep ?? realSleep;
  const log = opts.log ?? (() => {});
  const withWarehouse = async <T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> => {
    if (opts.wh) return fn(opts.wh);
    if (!opts.open) throw new Error('runScheduler needs wh or open');
    const wh = await opts.open();
    try {
      return await fn(wh);
    } finally {
      wh.close();
    }
  };
  const plan = planSchedule(opts.config);
  const started = now();
  // The entries' states, as stored: the scheduler is their only writer, so between passes it decides from this copy
  // whether anything is due without opening the warehouse.
  const states = new Map<string, EntryState>();
  const readStates = async (wh: Warehouse) => {
    for (const s of await wh.all<EntryState & { entry: string }>('SELECT entry, armed_at, last_fire_at FROM schedule_state')) states.set(s.entry, s);
  };
  await withWarehouse(async (wh) => {
    await syncState(wh, plan, started);
    await readStates(wh);
  });
  const runs: ScheduledRun[] = [];
  if (plan.length === 0) log('schedule: no entries (config schedule.entries)');
  else if (!opts.once) {
    const next = plan.map((p) => ({ name: p.name, at: p.pattern.nextRun(started) })).filter((n) => n.at).sort((a, b) => a.at!.getTime() - b.at!.getTime())[0];
    log(`schedule: ${plan.length} ${plan.length === 1 ? 'entry' : 'entries'} armed${next ? `; next: ${next.name} at ${next.at!.toISOString()}` : ''}${opts.wh ? '' : ' (the warehouse is open only while jobs run)'}`);
  }
  // Each pass asks what is due at one instant, the first at the instant entries were armed: a fire time that came
  // while the pass ran (or between arming and the first look) is the next pass's.
  let passAt = started;
  while (!opts.signal?.aborted) {
    const at = passAt;
    if (plan.some((entry) => states.has(entry.name) && dueFire(entry, states.get(entry.name)!, at))) {
      try {
        await withWarehouse((wh) => runPass(wh, at));
      } catch (e) {
        // the warehouse could not be opened (another process holds it): what is due stays due for the next pass
        if (opts.once) throw e;
        log(`schedule: cannot open the warehouse now (${errorMessage(e).split('\n')[0]}); trying again at the next pass`);
      }
    }
    if (opts.once || plan.length === 0) break;
    const t = now();
    const next = Math.min(...plan.map((p) => p.pattern.nextRun(t)?.getTime() ?? Infinity));
    await sleep(Math.max(0, Math.min(MAX_SLEEP_MS, next - t.getTime())), opts.signal);
    passAt = now();
  }
  return runs;

  async function runPass(wh: Warehouse, at: Date): Promise<void> {
    await readStates(wh);
    for (const entry of plan) {
      if (opts.signal?.aborted) break;
      const state = states.get(entry.name);
      const due = state ? dueFire(entry, state, at) : null;
      if (!due) continue;
      const fireAt = due.fire.toISOString();
      log(`schedule: ${entry.name}: running ${entry.job.name} for ${fireAt}${due.missed ? ` (and ${due.missed} missed fire times)` : ''}`);
      let runId: string | null = null;
      let run: ScheduledRun;
      try {
        await runJob(entry.job, entry.params, { wh, config: opts.config, baseDir: opts.baseDir, progress: (m) => log(`${entry.name}: ${m}`), onStart: (id) => (runId = id) });
        run = { entry: entry.name, job: entry.job.name, fire_at: fireAt, missed: due.missed, run_id: runId, status: 'succeeded' };
      } catch (e) {
        run = { entry: entry.name, job: entry.job.name, fire_at: fireAt, missed: due.missed, run_id: runId, status: 'failed', error: errorMessage(e) };
        log(`schedule: ${entry.name}: failed: ${errorMessage(e)}`);
      }
      runs.push(run);
      await wh.run(`UPDATE schedule_state SET last_fire_at = $2, last_run_id = $3, missed = $4, updated_at = $5 WHERE entry = $1`, [
        entry.name, fireAt, runId, due.missed, now().toISOString(),
      ]);
      states.set(entry.name, { ...state!, last_fire_at: fireAt });
    }
  }
}

export interface ScheduleListing {
  [k: string]: unknown;
  entry: string;
  job: string;
  cron: string;
  timezone: string;
  next_run_at: string | null;
  armed_at: string | null;
  last_fire_at: string | null;
  last_run_id: string | null;
  last_status: string | null;
}

/** The schedule with each entry's next fire time and its last run (joined to job_runs), read-only. */
export async function listSchedule(wh: Warehouse, config: AssayConfig, now = new Date()): Promise<ScheduleListing[]> {
  const plan = planSchedule(config);
  const state = await wh.all<{ entry: string; armed_at: string; last_fire_at: string | null; last_run_id: string | null } & RecordedRun>(
    `SELECT s.entry, s.armed_at, s.last_fire_at, s.last_run_id, r.status, r.started_at, r.error_message, ${await runnerColumns(wh, 'r.')}
     FROM schedule_state s LEFT JOIN job_runs r ON r.run_id = s.last_run_id`,
  );
  const by = new Map(state.map((s) => [s.entry, s]));
  return plan.map((p) => {
    const s = by.get(p.name);
    // a last run left 'running' by a process that is gone shows as abandoned, as assay runs shows it
    const last = s?.status ? withSeenStatus([s])[0] : null;
    return {
      entry: p.name, job: p.job.name, cron: p.cron, timezone: p.timezone, next_run_at: p.pattern.nextRun(now)?.toISOString() ?? null,
      armed_at: s?.armed_at ?? null, last_fire_at: s?.last_fire_at ?? null, last_run_id: s?.last_run_id ?? null, last_status: last?.status ?? null,
    };
  });
}

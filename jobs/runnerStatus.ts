import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { errorMessage } from '../data/errors.ts';
import type { Warehouse } from '../data/warehouse.ts';

/** Who runs a job: recorded in job_runs.runner_host and runner_pid when the run starts. */
export function thisRunner(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}

/** What this host can tell of a process: there (since `startedAt`, when known), gone, or not knowable. */
export type ProcessProbe = { state: 'alive'; startedAt?: Date } | { state: 'gone' } | { state: 'unknown'; error: string };

/** The job_runs columns the status is seen from (runner_* are missing on a warehouse not migrated to 068 yet). */
export interface RecordedRun {
  status: string;
  started_at: string | null;
  error_message: string | null;
  runner_host?: string | null;
  runner_pid?: number | null;
}

export interface SeenStatus {
  /** The recorded status, or 'abandoned' for a 'running' run whose process is gone. */
  status: string;
  /** The recorded one, or why the run is seen as abandoned. */
  error_message: string | null;
  /** Why the shown status is not the recorded one, or why a 'running' one could not be checked; null otherwise. */
  status_note: string | null;
}

export interface Here {
  host: string;
  probe: (pid: number) => ProcessProbe;
}

/**
 * A process whose start is later than this after the run's started_at is not the one that recorded it (its pid was
 * reused, e.g. after a reboot). /proc gives the boot time to the second.
 */
const START_SLACK_MS = 2000;

/**
 * A run as a reader should see it: a 'running' run whose process is gone from this host is abandoned (job_runs says so
 * only after the next read-write open marks it, and a read-only reader must not write). A run from another host
 * cannot be checked from here and stays 'running', naming its host.
 */
export function seenStatus(run: RecordedRun, here: Here): SeenStatus {
  const recorded: SeenStatus = { status: run.status, error_message: run.error_message, status_note: null };
  if (run.status !== 'running') return recorded;
  const host = run.runner_host ?? null;
  const pid = run.runner_pid ?? null;
  if (host === null || pid === null) return { ...recorded, status_note: 'recorded without its host and process (before migration 068): not checked' };
  if (host !== here.host) return { ...recorded, status_note: `running on host ${host} (process ${pid}): not checked from host ${here.host}` };
  const p = here.probe(pid);
  if (p.state === 'unknown') return { ...recorded, status_note: `process ${pid} on host ${host} could not be checked: ${p.error}` };
  let gone: string | undefined;
  if (p.state === 'gone') gone = `process ${pid} on host ${host} is gone`;
  else if (p.startedAt && run.started_at !== null && p.startedAt.getTime() > Date.parse(run.started_at) + START_SLACK_MS) {
    gone = `process ${pid} on host ${host} is gone (pid ${pid} is now a process started at ${p.startedAt.toISOString()}, after the run)`;
  }
  if (gone === undefined) return recorded;
  return {
    status: 'abandoned',
    error_message: `${gone}: the run stopped before it finished`,
    status_note: "job_runs says 'running' until the next read-write open of the warehouse records it as abandoned",
  };
}

/** This host's view of a process: process.kill(pid, 0) (EPERM: it exists, another user's) and, on Linux, its start time. */
export function probeProcess(pid: number): ProcessProbe {
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'unknown', error: `${pid} is not a process id` };
  try {
    process.kill(pid, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return { state: 'gone' };
    if (code !== 'EPERM') return { state: 'unknown', error: errorMessage(e) };
  }
  const startedAt = linuxStartTime(pid);
  return startedAt ? { state: 'alive', startedAt } : { state: 'alive' };
}

/** When a process started, from /proc/<pid>/stat and the boot time; undefined where there is no /proc. */
function linuxStartTime(pid: number): Date | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // after "pid (comm) " the fields run from the 3rd (state); the 22nd is the start time in USER_HZ (1/100 s) since boot
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(boot) ? new Date(boot * 1000 + ticks * 10) : undefined;
  } catch {
    return undefined;
  }
}

/** Rows of job_runs with the status this host sees (seenStatus), and status_note. */
export function withSeenStatus<T extends RecordedRun>(rows: T[], here: Here = { host: hostname(), probe: probeProcess }): (T & SeenStatus)[] {
  return rows.map((r) => ({ ...r, ...seenStatus(r, here) }));
}

/**
 * The runner columns of job_runs for a SELECT (with `prefix`, e.g. 'r.'), or NULLs in their place: a read-only open
 * does not migrate, and a warehouse from before migration 068 has no runner columns.
 */
export async function runnerColumns(wh: Warehouse, prefix = ''): Promise<string> {
  const has = await wh.one(`SELECT 1 FROM duckdb_columns() WHERE table_name = 'job_runs' AND column_name = 'runner_pid'`);
  return has ? `${prefix}runner_host, ${prefix}runner_pid` : 'NULL AS runner_host, NULL AS runner_pid';
}

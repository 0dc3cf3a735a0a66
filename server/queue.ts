import { AssayError } from '../data/errors.ts';

/** A run the server has handed an id to and not yet started. */
export interface QueuedRun {
  run_id: string;
  job: string;
  params: unknown;
}

/**
 * A run that failed before job_runs could hold it: the warehouse could not be opened for writing (another process
 * held it). The queue keeps it, and answers it as recorded, until the next run that gets the warehouse writes it
 * to job_runs.
 */
export interface UnrecordedRun extends QueuedRun {
  started_at: string;
  ended_at: string;
  error_code: string;
  error_message: string;
}

/**
 * The server's job runs, one at a time in the order they were posted: the warehouse's writing connection runs
 * one job at a time (DuckDB allows one writer per connection, and a job's transaction must not interleave with
 * another's). A run waits here under the id it was given until the one before it ends, so a client can follow it
 * at once. stop() takes no new runs, lets the running one finish, and has each waiting one cancel instead of start.
 */
export class RunQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Map<string, QueuedRun>();
  private readonly failedOpen = new Map<string, UnrecordedRun>();
  private stopping = false;
  /** Runs added and not yet finished: the running one and the waiting ones. */
  pending = 0;

  /**
   * Queues a run: `start` when its turn comes, or `cancel` if the queue was stopped before then. The run counts as
   * waiting until `recorded(run_id)` (once job_runs has it) or its task ends.
   */
  add<T>(run: QueuedRun, start: () => Promise<T>, cancel: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new AssayError('ASSAY_ERR_SHUTDOWN', `The server is shutting down: ${run.job} was not queued`);
    this.waiting.set(run.run_id, run);
    this.pending++;
    const task = () => (this.stopping ? cancel() : start()).finally(() => this.recorded(run.run_id));
    const done = this.tail.then(task, task);
    this.tail = done.then(
      () => this.pending--,
      () => this.pending--,
    );
    return done;
  }

  /** job_runs has the run now (or its task ended without recording it): it is no longer read from here. */
  recorded(runId: string): void {
    this.waiting.delete(runId);
  }

  /** A run that was queued and has not started yet. */
  queued(runId: string): QueuedRun | undefined {
    return this.waiting.get(runId);
  }

  /** Whether a run other than this one waits: the warehouse then stays open for writing after this one. */
  behind(runId: string): boolean {
    for (const id of this.waiting.keys()) if (id !== runId) return true;
    return false;
  }

  /** Keeps a failed run that job_runs could not take (see UnrecordedRun). */
  failedUnrecorded(run: UnrecordedRun): void {
    this.failedOpen.set(run.run_id, run);
  }

  /** The failed runs job_runs does not have yet, oldest first; `written` drops one once it has. */
  unrecorded(): UnrecordedRun[] {
    return [...this.failedOpen.values()];
  }

  written(runId: string): void {
    this.failedOpen.delete(runId);
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Takes no new runs; resolves once the running one has finished and the waiting ones have cancelled. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.pending > 0) await this.tail;
  }
}

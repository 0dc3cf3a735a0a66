/**
 * Runs tasks one at a time, in the order they were added: the warehouse's writing connection runs one job
 * at a time (DuckDB allows one writer per connection, and a job's transaction must not interleave with
 * another's). `pending` counts the tasks added and not yet finished.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  pending = 0;

  add<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(task, task);
    this.tail = run.then(
      () => this.pending--,
      () => this.pending--,
    );
    return run;
  }

  /** Resolves once every task added so far has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}

import { existsSync, statSync } from 'node:fs';
import { AssayError, isAssayError } from '../data/errors.ts';
import { Warehouse, type OpenOptions } from '../data/warehouse.ts';

/** How the server opens the file (Warehouse.open; a test passes one that lets another process in first). */
export type OpenWarehouse = (path: string, options: OpenOptions) => Promise<Warehouse>;

export interface HeldWarehouseOptions {
  path: string;
  memoryLimit?: string;
  /** How long a job waits for other processes to let go of the file before it fails. */
  lockWaitMs: number;
  open?: OpenWarehouse;
  log: (message: string) => void;
}

type State =
  | { mode: 'read'; wh: Warehouse }
  | { mode: 'write'; wh: Warehouse; reader: Warehouse }
  | { mode: 'none'; error: unknown }
  | { mode: 'closed' };

/** Between two tries to open the file for writing while another process holds it. */
const RETRY_MS = 100;

/** The file is locked by another process (Warehouse.open names it in `pid`), as opposed to a broken or newer file. */
const isHeld = (e: unknown) => isAssayError(e) && e.details?.pid !== undefined;

/** The file as last written: unchanged since the server closed its writer, no other process wrote it meanwhile. */
function stamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.mtimeNs}:${s.size}:${existsSync(`${path}.wal`)}`;
  } catch {
    return 'missing';
  }
}

/**
 * The server's hold on the warehouse file. DuckDB lets several processes share a file read-only but lets a writer
 * open it only when no other process has it open at all: so the server holds it read-only between jobs (analysts'
 * read-only clients and `assay sql` open it meanwhile) and read-write only while jobs run (the run queue asks
 * writer() before a job and release() once no run waits behind it). Reads go through read(): on the read-only
 * instance, or during a job on a second connection to the job's instance (committed data only, never a half-written
 * job). Each switch waits for the reads in flight to end and holds new ones back until the other instance is open.
 */
export class HeldWarehouse {
  private state: State = { mode: 'none', error: new Error('not opened yet') };
  /** The switches (and close), one after the other. */
  private switches: Promise<unknown> = Promise.resolve();
  /** Set while a switch runs: a read waits for it instead of using an instance being closed. */
  private gate: Promise<void> | null = null;
  private reading = 0;
  private drained: (() => void) | null = null;
  private readonly open: OpenWarehouse;
  /** stamp() when the server last closed its read-write instance (having created the macros and views itself). */
  private written: string | null = null;

  private constructor(private readonly opts: HeldWarehouseOptions) {
    this.open = opts.open ?? Warehouse.open.bind(Warehouse);
  }

  get path(): string {
    return this.opts.path;
  }

  /**
   * Opens the file read-write once, so a warehouse that does not exist yet is created and one an older Assay wrote is
   * migrated (and runs a dead process left 'running' are marked abandoned), then holds it read-only.
   */
  static async start(opts: HeldWarehouseOptions): Promise<HeldWarehouse> {
    const held = new HeldWarehouse(opts);
    (await held.open(opts.path, { memoryLimit: opts.memoryLimit })).close();
    held.written = stamp(opts.path);
    await held.exclusive(() => held.openReadOnly());
    return held;
  }

  /** Runs a read on the connection reads use now; waits while the server switches between read-only and read-write. */
  async read<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    for (;;) {
      while (this.gate) await this.gate;
      const s = this.state;
      if (s.mode === 'read' || s.mode === 'write') {
        this.reading++;
        try {
          return await fn(s.mode === 'read' ? s.wh : s.reader);
        } finally {
          if (--this.reading === 0) this.drained?.();
        }
      }
      if (s.mode === 'closed') throw new AssayError('ASSAY_ERR_SHUTDOWN', 'The server is shutting down: its warehouse is closed');
      // the last read-only open failed (a process got the file for writing in between): try again, or say who holds it
      await this.exclusive(async () => {
        if (this.state.mode === 'none') await this.openReadOnly();
        if (this.state.mode === 'none') throw this.state.error;
      });
    }
  }

  /**
   * The warehouse read-write, for a job: closes the read-only instance and opens the file for writing. While another
   * process holds the file it goes back to read-only and tries again every RETRY_MS for lockWaitMs, then throws
   * Warehouse.open's error, which names that process. Already read-write (a job ran just before): that instance.
   */
  async writer(waitMs = this.opts.lockWaitMs): Promise<Warehouse> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const wh = await this.exclusive(async () => {
        const s = this.state;
        if (s.mode === 'write') return s.wh;
        if (s.mode === 'closed') throw new AssayError('ASSAY_ERR_SHUTDOWN', 'The server is shutting down: its warehouse is closed');
        if (s.mode === 'read') s.wh.close();
        this.state = { mode: 'none', error: new Error('switching to read-write') };
        try {
          // the macros and views are as the server left them unless another process wrote the file since
          const recreateViews = this.written !== stamp(this.opts.path);
          const opened = await this.open(this.opts.path, { memoryLimit: this.opts.memoryLimit, recreateViews });
          try {
            this.state = { mode: 'write', wh: opened, reader: await opened.connect() };
          } catch (e) {
            opened.close();
            throw e;
          }
          return opened;
        } catch (e) {
          await this.openReadOnly();
          if (!isHeld(e) || Date.now() >= deadline) throw e;
          return null;
        }
      });
      if (wh) return wh;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** Back to read-only after the jobs: the file is open to other processes' read-only clients again. */
  async release(): Promise<void> {
    await this.exclusive(async () => {
      const s = this.state;
      if (s.mode !== 'write') return;
      this.closeCurrent();
      this.state = { mode: 'none', error: new Error('switching to read-only') };
      await this.openReadOnly();
    });
  }

  /** Closes whichever instance is open, after the switch under way if there is one; nothing opens it again. */
  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closeCurrent();
      this.state = { mode: 'closed' };
    });
  }

  private closeCurrent(): void {
    const s = this.state;
    if (s.mode === 'write') {
      s.reader.close();
      s.wh.close();
      this.written = stamp(this.opts.path);
    }
    if (s.mode === 'read') s.wh.close();
  }

  /** From no instance to the read-only one; a failure (another process writing the file) is kept for the reads to say. */
  private async openReadOnly(): Promise<void> {
    try {
      this.state = { mode: 'read', wh: await this.open(this.opts.path, { readOnly: true, memoryLimit: this.opts.memoryLimit }) };
    } catch (e) {
      this.state = { mode: 'none', error: e };
      this.opts.log(`assay serve: cannot open the warehouse read-only now: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }

  /** Runs fn after the switches before it and once the reads in flight have ended, holding new reads back meanwhile. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      let open!: () => void;
      this.gate = new Promise<void>((resolve) => (open = resolve));
      try {
        while (this.reading > 0) await new Promise<void>((resolve) => (this.drained = resolve));
        return await fn();
      } finally {
        this.gate = null;
        this.drained = null;
        open();
      }
    };
    const done = this.switches.then(run, run);
    this.switches = done.catch(() => {});
    return done;
  }
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { ROOT } from '../helpers/cli.ts';

export type Answer = { ok: true; rows?: Record<string, unknown>[] } | { ok: false; code: string | null; message: string };

export interface Analyst {
  pid: number;
  /** Opens the file read-only, runs the query, closes it. */
  read: (sql: string) => Promise<Answer>;
  /** Opens the file and keeps it open (read-only, or for writing) until release(). */
  hold: (how: 'read-only' | 'read-write') => Promise<Answer>;
  release: () => Promise<Answer>;
}

/** A second process on the warehouse file (test/server/analystProcess.ts), through data/warehouse.ts; ended with the test. */
export async function analyst(t: TestContext, path: string): Promise<Analyst> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'server', 'analystProcess.ts'), path], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  t.after(() => {
    child.stdin.end();
    child.kill();
  });
  const waiting: ((a: Answer) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Answer));
  const ask = (cmd: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the analyst process did not answer ${JSON.stringify(cmd)}`)), 10_000);
      waiting.push((a) => (clearTimeout(timer), resolve(a)));
      child.stdin.write(`${JSON.stringify(cmd)}\n`);
    });
  // the first answer says the process is up (tsx has loaded), so the tests' timings are the file's, not its start
  await ask({ op: 'release' });
  return {
    pid: child.pid!,
    read: (sql) => ask({ op: 'read', sql }),
    hold: (how) => ask({ op: 'hold', readOnly: how === 'read-only' }),
    release: () => ask({ op: 'release' }),
  };
}

import { createInterface } from 'node:readline';
import { errorMessage, isAssayError } from '../../data/errors.ts';
import { Warehouse } from '../../data/warehouse.ts';

/**
 * An analyst's session in a process of its own (test/server/analyst.ts drives it): one JSON command a line on stdin,
 * one JSON answer a line on stdout. `read` opens the file read-only, queries and closes, as `duckdb -readonly` would;
 * `hold` opens it (read-only or not) and keeps it open until `release`, as a DBeaver connection left open would.
 */
type Command = { op: 'read'; sql: string } | { op: 'hold'; readOnly: boolean } | { op: 'release' };

const path = process.argv[2];
let held: Warehouse | undefined;
const answer = (a: unknown) => process.stdout.write(`${JSON.stringify(a)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const cmd = JSON.parse(line) as Command;
  try {
    if (cmd.op === 'read') {
      const wh = await Warehouse.open(path, { readOnly: true });
      try {
        answer({ ok: true, rows: await wh.all(cmd.sql) });
      } finally {
        wh.close();
      }
    } else if (cmd.op === 'hold') {
      held = await Warehouse.open(path, { readOnly: cmd.readOnly });
      answer({ ok: true });
    } else {
      held?.close();
      held = undefined;
      answer({ ok: true });
    }
  } catch (e) {
    answer({ ok: false, code: isAssayError(e) ? e.code : null, message: errorMessage(e) });
  }
}
held?.close();

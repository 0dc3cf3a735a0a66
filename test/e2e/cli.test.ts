import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { Warehouse } from '../../data/warehouse.ts';
import { BIN, runCli } from '../helpers/cli.ts';
import { insertRecords, tempDir } from '../helpers/tempWarehouse.ts';

test('assay --help lists the commands and exits 0', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: assay/);
  assert.match(r.stdout, /\bsql\b/);
});

test('an unknown command exits 2 (usage error), also asked for help on; help on a command shows its usage', async () => {
  const r = await runCli(['no-such-command']);
  assert.equal(r.code, 2);
  const help = await runCli(['help', 'no-such-command']);
  assert.equal(help.code, 2);
  assert.match(help.stderr, /unknown command 'no-such-command'/);
  // with --json, the error is JSON on stdout too
  for (const args of [['--json', 'no-such-command'], ['--json', 'runs', '--bogus']]) {
    const j = await runCli(args);
    assert.equal(j.code, 2, j.stderr);
    const body = JSON.parse(j.stdout) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'ASSAY_ERR_USAGE');
    assert.match(body.error.message, /unknown (command 'no-such-command'|option '--bogus')/);
  }
  const sql = await runCli(['-w', 'x.duckdb', 'help', 'sql']);
  assert.equal(sql.code, 0, sql.stderr);
  assert.match(sql.stdout, /Usage: assay sql/);
});

test('assay sql runs a query read-only and prints a table, JSON or CSV', async () => {
  const dir = tempDir();
  const path = join(dir, 'w.duckdb');
  const wh = await Warehouse.open(path);
  await insertRecords(wh, [
    { id: 'a', ts: '2026-11-02T10:00:00Z', tenant_id: 'acme' },
    { id: 'b', ts: '2026-11-02T11:00:00Z', tenant_id: 'acme' },
    { id: 'c', ts: '2026-11-02T12:00:00Z', tenant_id: 'globex' },
  ]);
  wh.close();
  const q = 'SELECT tenant_id, count(*) AS n FROM records GROUP BY 1 ORDER BY 1';
  const json = await runCli(['--warehouse', path, '--json', 'sql', q]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), [{ tenant_id: 'acme', n: 2 }, { tenant_id: 'globex', n: 1 }]);
  const csv = await runCli(['--warehouse', path, 'sql', '--csv', q]);
  assert.equal(csv.stdout.trim(), 'tenant_id,n\nacme,2\nglobex,1');
  const table = await runCli(['--warehouse', path, 'sql', q]);
  assert.match(table.stdout, /acme\s+2/);
  // numbers as stored: CSV is for other tools (full precision), the table keeps every integer digit
  const money = 'SELECT 123456789.123456::DOUBLE AS total_usd, 1 / 3 AS share, 0.000012345678::DOUBLE AS per_token';
  const exact = await runCli(['--warehouse', path, 'sql', '--csv', money]);
  assert.equal(exact.stdout.trim(), 'total_usd,share,per_token\n123456789.123456,0.3333333333333333,0.000012345678');
  const readable = await runCli(['--warehouse', path, 'sql', money]);
  assert.match(readable.stdout.split('\n')[2], /^123456789\.1\s+0\.333333\s+0\.0000123457$/);
  const write = await runCli(['--warehouse', path, 'sql', 'DELETE FROM records']);
  assert.equal(write.code, 2);
  assert.match(write.stderr, /read-only/);
  const check = await Warehouse.open(path, { readOnly: true });
  assert.equal((await check.one<{ n: number }>('SELECT count(*) AS n FROM records'))?.n, 3);
  check.close();
});

test('assay sql on a missing warehouse says how to create one and exits 3', async () => {
  const r = await runCli(['--warehouse', join(tempDir(), 'none.duckdb'), 'sql', 'SELECT 1']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /demo|ingest/);
});

test('a reader that stops early (assay sql … | head) ends the command quietly', async () => {
  const dir = tempDir();
  const path = join(dir, 'w.duckdb');
  (await Warehouse.open(path)).close();
  const child = spawn(process.execPath, [BIN, '-w', path, 'sql', 'SELECT range AS n FROM range(300000)'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|Error/);
});

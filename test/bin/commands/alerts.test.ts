import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { tempWarehouse } from '../../helpers/tempWarehouse.ts';
import { storeDriftRun } from '../../reports/alerts/driftFixture.ts';
import { freePort } from '../../reports/alerts/receivers.ts';

test('assay alerts records and lists what fired; --fail-on-delivery exits 1 when a delivery failed, and the events stay recorded', async () => {
  const t = await tempWarehouse();
  try {
    await storeDriftRun(t.wh, 'drift-1', [{ tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.187 }]);
    t.wh.close();
    const port = await freePort();
    const mail = { type: 'email', from: 'assay@example.com', to: ['oncall@example.com'], smtp: { host: '127.0.0.1', port, timeout_ms: 2000 } };
    writeFileSync(join(t.dir, 'assay.config.json'), JSON.stringify({ warehouse: { path: t.path }, alerts: { channels: { oncall: mail } } }));
    const first = await runCli(['alerts', '-q'], { cwd: t.dir });
    assert.equal(first.code, 0, 'a failed delivery alone does not fail the job');
    assert.match(first.stdout, /firing\s+high\s+drift\s+acme · support_triage\s+unknown rate 2\.9% → 18\.7%/);
    assert.match(first.stdout, /oncall\s+acme · support_triage\s+1\s+.*ECONNREFUSED/);
    assert.match(first.stdout, /1 fired, 0 resolved, 1 firing now; 0 sent, 1 failed, 1 waiting for the next run/);

    const second = await runCli(['alerts', '--fail-on-delivery', '--json', '-q'], { cwd: t.dir });
    assert.equal(second.code, 1, second.stderr);
    const json = JSON.parse(second.stdout) as { events: unknown[]; counts: Record<string, number>; deliveries: { status: string; attempts: number }[] };
    assert.deepEqual(json.events, [], 'still firing: no new event');
    assert.deepEqual(json.deliveries.map((d) => [d.status, d.attempts]), [['failed', 2]]);
    assert.equal(json.counts.active, 1);

    const help = await runCli(['alerts', '--help']);
    assert.match(help.stdout, /--fail-on-delivery/);
  } finally {
    t.cleanup();
  }
});

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';
import { insertRecords, tempWarehouse } from '../../helpers/tempWarehouse.ts';

test('assay drift notes a numeric finding with its median and p95 before and after', async () => {
  const t = await tempWarehouse();
  try {
    // confidence drifts in its lower tail: the median moves, the p95 hardly does
    const conf = (i: number, low: boolean) => (low && i % 5 === 0 ? 0.2 + (i % 7) / 100 : 0.7 + ((i * 37) % 29) / 100);
    await insertRecords(t.wh, [
      ...Array.from({ length: 2800 }, (_, i) => ({ id: `r${i}`, ts: new Date(Date.parse('2026-10-08T00:00:00Z') + i * 600_000).toISOString(), confidence: conf(i, false) })),
      ...Array.from({ length: 1200 }, (_, i) => ({ id: `c${i}`, ts: new Date(Date.parse('2026-10-29T00:00:00Z') + i * 480_000).toISOString(), confidence: conf(i, true) })),
    ]);
    t.wh.close();
    writeFileSync(join(t.dir, 'assay.config.json'), JSON.stringify({ warehouse: { path: t.path } }));
    const out = await runCli(['drift', '--end', '2026-11-05', '-q'], { cwd: t.dir });
    assert.equal(out.code, 0, out.stderr);
    const row = out.stdout.split('\n').find((l) => /^\S+\s+all\s+confidence\s+ks\b/.test(l));
    assert.ok(row, out.stdout);
    assert.match(row, /p50 0\.\d+ → 0\.\d+; p95 0\.\d+ → 0\.\d+/);
  } finally {
    t.cleanup();
  }
});

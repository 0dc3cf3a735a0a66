import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { insertRecords, tempWarehouse } from '../../helpers/tempWarehouse.ts';

// Tenant ids and models come from the logs: names of Object's built-ins must be plain names to the cost job.
test('tenants named like JavaScript built-ins (constructor, __proto__, toString) are costed like any other', async () => {
  const t = await tempWarehouse();
  try {
    const tenants = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'acme'];
    await insertRecords(t.wh, tenants.map((tenant_id, i) => ({ id: `r${i}`, ts: '2026-11-10T10:00:00Z', tenant_id, model: 'gpt-4o-mini', input_tokens: 1_000_000, output_tokens: 0 })));
    // acme has terms (a provider discount); the others have none and pay list price
    const config = parseConfig({ cost: { tenants: { acme: { providers: { openai: { discount: 0.5 } } } } } }, '(test)');
    await runJob('cost', {}, { wh: t.wh, config, baseDir: t.dir });
    const costs = await t.wh.all<{ tenant_id: string; cost_usd: number }>('SELECT tenant_id, cost_usd FROM record_costs ORDER BY id');
    assert.deepEqual(costs.map((c) => c.tenant_id), tenants);
    const list = costs.find((c) => c.tenant_id === 'constructor')!.cost_usd;
    assert.ok(list > 0);
    for (const c of costs) assert.equal(c.cost_usd, c.tenant_id === 'acme' ? list / 2 : list, c.tenant_id);
  } finally {
    t.cleanup();
  }
});

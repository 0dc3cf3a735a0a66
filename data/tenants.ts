import { AssayError } from './errors.ts';
import type { Warehouse } from './warehouse.ts';

/** A tenant a command is scoped to must have records: a typo in its name is an error, not an empty result. */
export async function assertKnownTenant(wh: Warehouse, tenant: string): Promise<void> {
  const found = await wh.one('SELECT 1 AS found FROM records WHERE tenant_id = $1 LIMIT 1', [tenant]);
  if (found) return;
  const known = await wh.all<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM records ORDER BY 1 LIMIT 50');
  throw new AssayError('ASSAY_ERR_USAGE', `Unknown tenant '${tenant}'. Tenants in the warehouse: ${known.map((k) => k.tenant_id).join(', ') || '(none)'}`);
}

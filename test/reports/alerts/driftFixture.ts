import type { Warehouse } from '../../../data/warehouse.ts';

export interface Finding {
  tenant: string;
  workflow: string;
  severity: 'none' | 'low' | 'medium' | 'high';
  reference_rate: number;
  current_rate: number;
}

/**
 * Stores a drift run as the drift job would (drift_runs + drift_results of unknown_rate_spike per tenant ×
 * workflow), so alert tests control exactly which findings the latest run has.
 */
export async function storeDriftRun(wh: Warehouse, runId: string, findings: Finding[]): Promise<void> {
  await wh.run(
    `INSERT INTO drift_runs (run_id, created_at, window_start, window_end, reference_start, reference_end, unknown_categories, unknown_includes_null,
       low_confidence_threshold, min_sample_size, fdr)
     VALUES ($1, now(), '2026-11-09', '2026-11-16', '2026-10-12', '2026-11-09', ['unknown'], false, 0.5, 100, 0.05)`,
    [runId],
  );
  for (const f of findings) {
    await wh.run(
      `INSERT INTO drift_results (run_id, window_start, window_end, reference_start, reference_end, segment_type, segment, tenant_id, workflow,
         metric, test, n_current, n_reference, p_value, p_adjusted, effect, threshold, severity, details)
       VALUES ($1, '2026-11-09', '2026-11-16', '2026-10-12', '2026-11-09', 'tenant_workflow', 'tenant_id=' || $2 || '/workflow=' || $3, $2, $3,
         'unknown_rate', 'unknown_rate_spike', 1000, 4000, 0.0001, 0.001, $6 - $5, 0.02, $4,
         json_object('reference_rate', $5, 'current_rate', $6))`,
      [runId, f.tenant, f.workflow, f.severity, f.reference_rate, f.current_rate],
    );
  }
}

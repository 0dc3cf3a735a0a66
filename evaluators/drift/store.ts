import type { Warehouse } from '../../data/warehouse.ts';
import type { DriftConfig } from './config.ts';
import type { DriftRun } from './runDrift.ts';

/** Writes one drift run: its settings (drift_runs), its results (drift_results) and daily p-chart points (drift_daily). */
export async function storeDriftRun(wh: Warehouse, runId: string, cfg: DriftConfig, run: DriftRun): Promise<void> {
  const w = run.windows;
  await wh.run(
    `INSERT INTO drift_runs (run_id, window_start, window_end, reference_start, reference_end, unknown_categories,
       unknown_includes_null, low_confidence_threshold, min_sample_size, fdr, cost_source, skipped, test_options, thresholds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [runId, w.current.start, w.current.end, w.reference.start, w.reference.end, cfg.unknown_categories.filter((c): c is string => c !== null),
      cfg.unknown_categories.includes(null), cfg.low_confidence_threshold, cfg.min_sample_size, cfg.fdr, run.costSource, JSON.stringify(run.skipped),
      JSON.stringify(cfg.tests), JSON.stringify(cfg.thresholds)],
  );
  if (run.results.length) {
    await wh.run(
      `INSERT INTO drift_results BY NAME
       SELECT $run AS run_id, $ws AS window_start, $we AS window_end, $rs AS reference_start, $re AS reference_end, r.segment_type, r.segment,
              r.tenant_id, r.workflow, r.model, r.prompt_version, r.metric, r.test, r.n_current, r.n_reference,
              r.statistic, r.p_value, r.p_adjusted, r.effect, r.threshold, r.severity, r.details
       FROM (SELECT unnest(CAST($rows AS JSON)::STRUCT(segment_type VARCHAR, segment VARCHAR, tenant_id VARCHAR, workflow VARCHAR,
         model VARCHAR, prompt_version VARCHAR, metric VARCHAR, test VARCHAR, n_current BIGINT, n_reference BIGINT, statistic DOUBLE, p_value DOUBLE, p_adjusted DOUBLE,
         effect DOUBLE, threshold DOUBLE, severity VARCHAR, details JSON)[], recursive := true)) r`,
      { run: runId, ws: w.current.start, we: w.current.end, rs: w.reference.start, re: w.reference.end, rows: JSON.stringify(run.results) },
    );
  }
  if (run.daily.length) {
    await wh.run(
      `INSERT INTO drift_daily BY NAME
       SELECT $run AS run_id, CAST(r.day AS DATE) AS day, r.period, r.segment_type, r.segment, r.tenant_id, r.workflow, r.model, r.prompt_version,
              r.metric, r.test, r.requests, r.count, r.rate, r.centre, r.lcl, r.ucl, r.z, r.severity
       FROM (SELECT unnest(CAST($rows AS JSON)::STRUCT(day VARCHAR, period VARCHAR, segment_type VARCHAR, segment VARCHAR,
         tenant_id VARCHAR, workflow VARCHAR, model VARCHAR, prompt_version VARCHAR, metric VARCHAR, test VARCHAR, requests BIGINT, count BIGINT, rate DOUBLE,
         centre DOUBLE, lcl DOUBLE, ucl DOUBLE, z DOUBLE, severity VARCHAR)[], recursive := true)) r`,
      { run: runId, rows: JSON.stringify(run.daily) },
    );
  }
}

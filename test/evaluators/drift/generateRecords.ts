import type { Warehouse } from '../../../data/warehouse.ts';

/** What to generate: a stationary population, optionally with one planted unknown-rate spike. */
export interface GenerateOptions {
  n: number;
  /** First day (UTC), YYYY-MM-DD; records spread uniformly over `days` days. */
  start: string;
  days: number;
  seed: number;
  tenants?: number;
  workflows?: number;
  models?: number;
  /** Model ids to log instead of m0, m1, … (their number replaces `models`). */
  modelIds?: string[];
  promptVersions?: number;
  /** Baseline share of 'unknown' answers. */
  unknownRate?: number;
  /** From day index `fromDay` on, tenant × workflow answers 'unknown' at `rate`. */
  spike?: { tenant: string; workflow: string; fromDay: number; rate: number };
}

/**
 * Each workflow uses two (adjacent) models, as production workflows pin theirs.
 * Inserts n canonical records generated in one DuckDB statement from hash-based draws, so the same
 * seed gives the same records. Tenants t0.., workflows wf0.., models m0.., prompt versions v0...
 */
export async function generateRecords(wh: Warehouse, o: GenerateOptions): Promise<void> {
  const spike = o.spike ?? { tenant: '', workflow: '', fromDay: 1e9, rate: 0 };
  const modelIds = o.modelIds ?? Array.from({ length: o.models ?? 2 }, (_, k) => `m${k}`);
  await wh.run(
    `INSERT INTO records (id, ts, tenant_id, workflow, model, prompt_version, category, confidence, input_tokens,
       output_tokens, latency_ms, status, fallback, human_override, sample_rate)
     SELECT 's' || $seed || '-' || i, CAST($start AS TIMESTAMPTZ) + to_microseconds(CAST(u_t * $days * 86400e6 AS BIGINT)),
       tenant, workflow, list_extract(CAST(CAST($model_ids AS JSON) AS VARCHAR[]), CAST((wf_index + hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 11) % 2) % $models AS BIGINT) + 1), 'v' || (hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 12) % $pvs),
       CASE WHEN u_cat < (CASE WHEN tenant = $sp_tenant AND workflow = $sp_workflow AND floor(u_t * $days) >= $sp_day
                                THEN $sp_rate ELSE $unknown_rate END) THEN 'unknown'
            WHEN u_cat < 0.55 THEN 'billing' WHEN u_cat < 0.85 THEN 'technical' ELSE 'account' END,
       round(0.5 + 0.5 * u_conf, 3),
       CAST(200 + floor(800 * u_in) AS BIGINT), CAST(20 + floor(300 * u_out) AS BIGINT),
       round(exp(6.5 + 0.5 * sqrt(-2 * ln(u_l1)) * cos(2 * pi() * u_l2)), 1),
       CASE WHEN u_st < 0.01 THEN 'error' WHEN u_st < 0.02 THEN 'timeout' ELSE 'ok' END,
       u_fb < 0.05, u_ho < 0.03, 1.0
     FROM (
       SELECT i, 't' || (i % $tenants) AS tenant, 'wf' || ((i // $tenants) % $workflows) AS workflow, (i // $tenants) % $workflows AS wf_index,
              hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 1) / 18446744073709551616.0 AS u_t, hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 2) / 18446744073709551616.0 AS u_cat,
              hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 3) / 18446744073709551616.0 AS u_conf, hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 4) / 18446744073709551616.0 AS u_in,
              hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 5) / 18446744073709551616.0 AS u_out, (hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 6) + 1) / 18446744073709551617.0 AS u_l1,
              hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 7) / 18446744073709551616.0 AS u_l2, hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 8) / 18446744073709551616.0 AS u_st,
              hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 9) / 18446744073709551616.0 AS u_fb, hash((CAST($seed AS BIGINT) * 100000000 + i) * 16 + 10) / 18446744073709551616.0 AS u_ho
       FROM range($n) t(i)
     )`,
    {
      n: o.n, start: o.start, days: o.days, seed: o.seed, tenants: o.tenants ?? 2, workflows: o.workflows ?? 2,
      models: modelIds.length, model_ids: JSON.stringify(modelIds), pvs: o.promptVersions ?? 2, unknown_rate: o.unknownRate ?? 0.03,
      sp_tenant: spike.tenant, sp_workflow: spike.workflow, sp_day: spike.fromDay, sp_rate: spike.rate,
    },
  );
}

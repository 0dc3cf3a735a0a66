import { faultPoint } from '../faultPoint.ts';
import { redactedRelation } from './redaction.ts';
import { RECORD_COLUMNS } from '../record.ts';
import { sqlFile, sqlIdent } from '../sql.ts';
import type { Warehouse } from '../warehouse.ts';
import type { RedactionConfig, SamplingConfig } from './config.ts';

export interface RouteCounts {
  read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  conflicts: number;
  sampled_out: number;
  /** Left out by the mapping's filters (not requests); see ingest_filtered for the reasons. */
  filtered: number;
}

/** For each canonical field but the id: its name when the run's copy differs from the stored (or first) one. */
const DIFFERENCES = RECORD_COLUMNS.filter((c) => c.name !== 'id')
  .map((c) => {
    const other = `CASE WHEN s.id IS NOT NULL THEN s.${c.name} ELSE f.${c.name} END`;
    // an empty text is no text: a CSV cell cannot tell them apart, so the same record sent as JSONL and CSV is one
    // metadata as the same document, minified as it is now stored (a copy stored before that may hold spaces) and
    // with its keys in any order (json_same: another serializer's copy is no change)
    if (c.sqlType === 'JSON') return `CASE WHEN json(r.${c.name}) IS DISTINCT FROM json(${other}) AND NOT json_same(r.${c.name}, ${other}) THEN '${c.name}' END`;
    const [a, b] = c.name === 'input' || c.name === 'output' ? [`nullif(r.${c.name}, '')`, `nullif(${other}, '')`] : [`r.${c.name}`, other];
    return `CASE WHEN ${a} IS DISTINCT FROM ${b} THEN '${c.name}' END`;
  })
  .join(',\n    ');

/**
 * Decides what happens to the staged rows (sample, dedupe, conflicts) and writes them: bad rows to
 * quarantine, filtered ones counted in ingest_filtered, new records to records, conflicting copies to
 * ingest_conflicts. Set-based throughout:
 * only rows whose id repeats or is already stored are looked at one by one.
 */
export async function routeStaged(wh: Warehouse, runId: string, sampling: SamplingConfig, redaction: RedactionConfig): Promise<RouteCounts> {
  /** A statement of queries/ingest/ with each `/*redacted*\/ <relation>` read through PII redaction (redaction.ts). */
  const sql = (name: string) => sqlFile(`queries/ingest/${name}`).replace(/\/\*redacted\*\/ (\w+)/g, (_m, rel: string) => redactedRelation(redaction, rel));
  const strata = sampling.stratify_by.map(sqlIdent).join(', ');
  const minimum = Math.max(1, sampling.min_per_stratum);
  await wh.run('SET VARIABLE ingest_rate = $1', [sampling.rate]);
  await wh.run('SET VARIABLE ingest_min_per_stratum = $1', [sampling.min_per_stratum]);
  if (strata) await wh.run(sqlFile('queries/ingest/strata').replaceAll('/*strata*/', strata), { rate: sampling.rate, min_per_stratum: minimum });
  await wh.run(strata ? sqlFile('queries/ingest/kept_stratified').replace('/*strata*/', strata) : sqlFile('queries/ingest/kept_simple'));
  await wh.run(sql('quarantine_insert'), { run_id: runId });
  await wh.run(sqlFile('queries/ingest/filtered_insert'), { run_id: runId });
  await wh.run('SET VARIABLE ingest_history = (SELECT count(*) > 0 FROM records)');
  await wh.run(sqlFile('queries/ingest/candidates'));
  await wh.run(sql('route').replace('/*differences*/', DIFFERENCES));
  await wh.run(sqlFile('queries/ingest/flag_repeats'));
  // The records need no order (each carries its file and line), and an insert that keeps one merges its
  // threads' row groups at the end: without it, a 1M-record insert took a tenth less time.
  await wh.run('SET preserve_insertion_order = false');
  try {
    await wh.run(sql('records_insert'), { run_id: runId, upstream_rate: sampling.upstream_rate });
  } finally {
    // A failed insert aborts the transaction, which then takes no statement (not even this one): the failure
    // is what must be reported, and dropStaging restores the setting after the rollback.
    await wh.run('RESET preserve_insertion_order').catch(() => undefined);
  }
  await wh.run(sqlFile('queries/ingest/conflicts_insert'), { run_id: runId });
  await faultPoint('ingest:written');
  return (await wh.one<RouteCounts>(sqlFile('queries/ingest/counts')))!;
}

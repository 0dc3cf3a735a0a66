import { sqlFile } from '../../data/sql.ts';
import { DRIFT_TESTS } from '../../evaluators/drift/registry.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import type { AlertsConfig } from './config.ts';
import type { AlertRuleDefinition } from './defineRule.ts';
import { RULES } from './rules/registry.ts';
import { SEVERITY_RANK, type Severity } from './severity.ts';

export interface Transitions {
  fired: number;
  resolved: number;
  /** Alerts firing after this run. */
  active: number;
  /** Events of this run a silence held back (one '(silenced)' delivery each, skipped). */
  silenced: number;
  /** Events held back by a silence that has ended, their alert still firing: queued to the channels now. */
  released: number;
  rules: string[];
}

/** Name for the delivery rows of events no channel could take. */
export const NO_CHANNEL = '(none)';
/** Name for the delivery row of an event a silence held back (alert_silences). */
export const SILENCED = '(silenced)';

/**
 * The alert key a silence matches. Drift alerts were one per segment × metric × test ('segment|metric|test') before
 * they became one per segment × metric (migration 067): a silence written for one of those keys (or a prefix past
 * its metric) matches nothing now, so it silences its segment × metric alert instead of letting it page (a drift
 * key has one '|' now: a segment label writes its own as %7C).
 */
export function silenceKey(rule: string | undefined, key: string): string {
  if (rule !== undefined && rule !== 'drift') return key;
  const parts = key.replace(/\*$/, '').split('|');
  // without a rule, only a key ending in a drift test's name is one (a budget's scope id may hold '|')
  const drift = rule === 'drift' || (parts.length === 3 && DRIFT_TESTS.some((t) => t.name === parts[2]));
  return drift && parts.length >= 3 ? parts.slice(0, 2).join('|') : key;
}

/** The silences of the config as the alert_silences table (rewritten every run, so it shows the ones in force). */
async function storeSilences(wh: Warehouse, config: AlertsConfig): Promise<void> {
  await wh.run('DELETE FROM alert_silences');
  for (const s of config.silences) {
    await wh.run('INSERT INTO alert_silences VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), $4)', [
      s.rule ?? null, silenceKey(s.rule, s.alert_key), s.until.length === 10 ? `${s.until}T00:00:00Z` : s.until, s.reason,
    ]);
  }
}

/** The rule's rows now, with its options parsed from the config (defaults when the section is absent). */
async function collect(wh: Warehouse, rule: AlertRuleDefinition, options: unknown): Promise<void> {
  const params = { ...rule.params(rule.options.parse(options ?? {})), rule: rule.name };
  await wh.run(
    `INSERT INTO alert_candidates SELECT $rule, q.alert_key, q.severity, q.subject, q.message, q.evidence, q.source_view, q.tenant_id, q.data_week FROM (\n${sqlFile(`queries/alerts/${rule.name}`)}\n) q`,
    params,
  );
  await wh.run(`INSERT INTO alert_rule_weeks SELECT $rule, (${rule.dataWeek})`, { rule: rule.name });
}

/**
 * Evaluates every enabled rule over its view and writes this run's transitions to alert_events, with a pending
 * delivery per event and channel that takes its severity (the outbox). Set-based: the rules' rows never come
 * to JavaScript. A rule that is disabled yields nothing, so its firing alerts resolve.
 */
export async function recordTransitions(wh: Warehouse, config: AlertsConfig, runId: string): Promise<Transitions> {
  await wh.run(`CREATE OR REPLACE TEMP TABLE alert_candidates (
    rule VARCHAR, alert_key VARCHAR, severity VARCHAR, subject VARCHAR, message VARCHAR, evidence VARCHAR, source_view VARCHAR, tenant_id VARCHAR, data_week VARCHAR);
    CREATE OR REPLACE TEMP TABLE alert_rule_weeks (rule VARCHAR, data_week VARCHAR)`);
  const enabled = RULES.filter((r) => config.rules[r.name]?.enabled !== false);
  for (const rule of enabled) {
    const { enabled: _, ...options } = config.rules[rule.name] ?? {};
    await collect(wh, rule, options);
  }
  await wh.run(sqlFile('queries/alerts/transitions'), { run_id: runId });
  await storeSilences(wh, config);
  // Which events notify now: this run's, but for those a silence holds back, and those a silence held back whose
  // silence has ended while their alert still fires (alert_due.sql).
  await wh.run(sqlFile('queries/alerts/due'), { run_id: runId, silenced: SILENCED });
  await wh.run(
    `INSERT INTO alert_deliveries (event_id, channel, status, last_error)
     SELECT event_id, $silenced, 'skipped', 'silenced until ' || strftime(silenced_until AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') || ' UTC: ' || silence_reason
     FROM alert_due WHERE held`,
    { silenced: SILENCED },
  );
  const channels = Object.entries(config.channels);
  if (channels.length) {
    await wh.run(
      `INSERT INTO alert_deliveries (event_id, channel, channel_type, status)
       SELECT e.event_id, c.name, c.type, 'pending'
       FROM alert_events e
       JOIN (SELECT unnest($names) AS name, unnest($types) AS type, unnest($ranks) AS min_rank) c
         ON alert_severity_rank(e.severity) >= c.min_rank
       WHERE e.event_id IN (SELECT event_id FROM alert_due WHERE NOT held)`,
      {
        names: channels.map(([n]) => n),
        types: channels.map(([, c]) => c.type),
        ranks: channels.map(([, c]) => SEVERITY_RANK[c.min_severity as Severity]),
      },
    );
  } else {
    await wh.run(
      `INSERT INTO alert_deliveries (event_id, channel, status, last_error)
       SELECT event_id, $none, 'skipped', 'no alert channel is configured (alerts.channels)' FROM alert_due WHERE NOT held`,
      { none: NO_CHANNEL },
    );
  }
  const counts = await wh.one<{ fired: number; resolved: number; active: number; silenced: number; released: number }>(
    `SELECT count(*) FILTER (WHERE state = 'firing') AS fired, count(*) FILTER (WHERE state = 'resolved') AS resolved,
            (SELECT count(*) FROM alerts_active) AS active,
            (SELECT count(*) FILTER (WHERE held) FROM alert_due) AS silenced,
            (SELECT count(*) FILTER (WHERE released) FROM alert_due) AS released
     FROM alert_events WHERE run_id = $run_id`,
    { run_id: runId },
  );
  await wh.run('DROP TABLE alert_candidates; DROP TABLE alert_rule_weeks; DROP TABLE alert_due');
  return {
    fired: counts?.fired ?? 0, resolved: counts?.resolved ?? 0, active: counts?.active ?? 0,
    silenced: counts?.silenced ?? 0, released: counts?.released ?? 0, rules: enabled.map((r) => r.name),
  };
}

import type { z } from 'zod';
import type { SqlValue } from '../../data/warehouse.ts';

/**
 * A rule type: a query over one named view (data/queries/alerts/<name>.sql) that yields the alerts firing now,
 * one row each: alert_key (stable across runs), severity, subject, message, evidence (a query to paste),
 * source_view. Its options are the config keys under alerts.rules.<name>, every one with a default.
 */
export interface AlertRuleDefinition<O extends z.ZodObject = z.ZodObject> {
  /** snake_case; the config key and alert_events.rule. */
  name: string;
  description: string;
  /** The view the rule's query reads (test/reports/alerts/rules.test.ts checks it against the SQL). */
  source: string;
  options: O;
  /**
   * A query of one value: the ISO week (YYYY-Www) of the latest data the rule looks at. An alert the rule no longer
   * yields resolves about that week (alert_events.data_week), so the week's report lists the resolution.
   */
  dataWeek: string;
  /** The query's $parameters from the rule's options. */
  params(options: z.infer<O>): Record<string, SqlValue>;
}

export function defineRule<O extends z.ZodObject>(def: AlertRuleDefinition<O>): AlertRuleDefinition<O> {
  return def;
}

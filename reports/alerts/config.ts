import { z } from 'zod';
import { isCalendarDay } from '../../data/isoDate.ts';
import { CHANNELS } from './channels/registry.ts';
import { RULES } from './rules/registry.ts';
import type { Severity } from './severity.ts';

const ruleConfigs = z
  .object(Object.fromEntries(RULES.map((r) => [r.name, r.options.extend({ enabled: z.boolean().default(true) }).prefault({})])))
  .strict()
  .prefault({});

/**
 * A silence: the alerts it matches still record their events but notify nobody until `until` (docs/alerts.md).
 * `until` is a UTC day (the silence ends at its start) or an ISO 8601 time with its offset.
 */
const silenceConfig = z
  .object({
    rule: z.enum(RULES.map((r) => r.name) as [string, ...string[]]).optional().describe('the rule whose alerts it silences (default: any rule)'),
    alert_key: z.string().min(1).describe("an alert_key (see alerts_active), or a prefix ending in '*': 'tenant_id=acme/*'"),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/, 'expected YYYY-MM-DD or an ISO 8601 time with its offset (2026-12-08T09:00:00Z)')
      .refine((s) => isCalendarDay(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)), { error: (i) => `not a time: '${String(i.input)}'` })
      .describe('when it ends'),
    reason: z.string().min(1).describe('why: shown where the notification would have been'),
  })
  .strict();

const channelConfig = z.discriminatedUnion('type', CHANNELS.map((c) => c.config) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>]);

/** The `alerts` section of assay.config.json (docs/alerts.md explains each key). */
export const alertsConfig = z
  .object({
    rules: ruleConfigs.describe('each rule type: enabled (default true) and its options'),
    channels: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, _ . -'), channelConfig)
      .default({})
      .describe('where notifications go, by name: { "oncall": { "type": "email", … }, "alerts-slack": { "type": "slack", … } }'),
    silences: z.array(silenceConfig).default([]).describe('alerts that notify nobody for a while (a known incident, maintenance)'),
    max_attempts: z.number().int().min(1).max(100).default(5).describe('deliveries that failed this many times are not retried'),
    digest_after: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe('a channel with more than this many alerts due in one run gets them as one digest message (0: the alerts of a run in one message)'),
  })
  .strict();

export interface ChannelConfig {
  type: string;
  min_severity: Severity;
  [key: string]: unknown;
}

export interface AlertsConfig {
  rules: Record<string, { enabled: boolean; [option: string]: unknown }>;
  channels: Record<string, ChannelConfig>;
  max_attempts: number;
  digest_after: number;
  silences: { rule?: string; alert_key: string; until: string; reason: string }[];
}

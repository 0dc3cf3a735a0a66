import { z } from 'zod';
import { CHANNELS } from './channels/registry.ts';
import { RULES } from './rules/registry.ts';
import type { Severity } from './severity.ts';

const ruleConfigs = z
  .object(Object.fromEntries(RULES.map((r) => [r.name, r.options.extend({ enabled: z.boolean().default(true) }).prefault({})])))
  .strict()
  .prefault({});

const channelConfig = z.discriminatedUnion('type', CHANNELS.map((c) => c.config) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>]);

/** The `alerts` section of assay.config.json (docs/alerts.md explains each key). */
export const alertsConfig = z
  .object({
    rules: ruleConfigs.describe('each rule type: enabled (default true) and its options'),
    channels: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, _ . -'), channelConfig)
      .default({})
      .describe('where notifications go, by name: { "oncall": { "type": "email", … }, "alerts-slack": { "type": "slack", … } }'),
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
}

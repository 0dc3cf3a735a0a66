import type { Bands } from './config.ts';
import type { Level, SectionContext } from './defineSection.ts';

/** The level of a rise against its bands: red at or above red, amber at or above amber, else info. */
export function gradeRise(rise: number, bands: Bands): Level {
  if (rise >= bands.red) return 'red';
  if (rise >= bands.amber) return 'amber';
  return 'info';
}

/** How big a change is next to its red band (1 = at the red threshold); ranks changes of different kinds. */
export function scoreOf(change: number, bands: Bands): number {
  return bands.red > 0 ? Math.abs(change) / bands.red : 0;
}

/** How a subject reads. In a tenant's own report its name is implied, so it is left out. */
export function subjectLabel(ctx: Pick<SectionContext, 'tenant'>, s: { tenant_id?: string | null; workflow?: string | null; model?: string | null }): string {
  const tenant = s.tenant_id && !ctx.tenant ? `${s.tenant_id} · ` : '';
  if (s.workflow) return `${tenant}${s.workflow}`;
  if (s.model) return `model ${s.model}`;
  if (s.tenant_id && !ctx.tenant) return `tenant ${s.tenant_id}`;
  return ctx.tenant ? 'all workflows' : 'all traffic';
}

/** What each measured metric is about, as the verdict words it. Signals with the same topic and workflow merge. */
export const METRIC_TOPICS: Record<string, string> = {
  unknown_rate: 'unknown answers',
  error_rate: 'errors',
  timeout_rate: 'timeouts',
  fallback_rate: 'fallbacks',
  human_override_rate: 'human overrides',
  low_confidence_rate: 'low-confidence answers',
  category: 'category mix',
  latency_ms: 'latency',
  latency_p95_ms: 'latency',
  input_tokens: 'input tokens',
  output_tokens: 'output tokens',
  confidence: 'confidence',
  cost_usd: 'cost per request',
  est_requests: 'volume',
  est_cost_usd: 'cost',
};

export const topicOf = (metric: string): string => METRIC_TOPICS[metric] ?? metric.replaceAll('_', ' ');

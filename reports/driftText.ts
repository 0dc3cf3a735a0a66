import type { Level, Row, SectionContext, Subject } from './defineSection.ts';
import { count, day, ms, number, pct, usd } from './format.ts';
import { topicOf } from './signals.ts';

/** A drift_week_summary row as the report reads it. */
export interface DriftRow extends Row {
  segment_type: string;
  segment: string;
  tenant_id: string | null;
  workflow: string | null;
  model: string | null;
  prompt_version: string | null;
  metric: string;
  kind: 'rate' | 'category' | 'numeric';
  severity: string;
  severity_rank: number;
  lead_test: string;
  lead_effect: number | null;
  lead_high_band: number | null;
  n_current: number;
  n_reference: number;
  current_rate: number | null;
  reference_rate: number | null;
  since_start_rate: number | null;
  spike_start_day: string | null;
  current_p50: number | null;
  current_p95: number | null;
  reference_p50: number | null;
  reference_p95: number | null;
  new_categories: string[] | null;
  vanished_categories: string[] | null;
}

type SegmentColumns = Pick<DriftRow, 'segment_type' | 'segment' | 'tenant_id' | 'workflow' | 'model' | 'prompt_version'>;

export function driftSubject(r: SegmentColumns): Subject {
  if (r.segment_type === 'model') return { tenant_id: null, workflow: null, model: r.model };
  if (r.segment_type === 'prompt_version') return { tenant_id: null, workflow: r.workflow, prompt_version: r.prompt_version };
  return { tenant_id: r.tenant_id, workflow: r.workflow };
}

/** 'acme · support_triage', 'support_triage (all tenants)', 'draft_reply, prompt reply-v8', 'model gpt-4o', 'all traffic'. */
export function segmentLabel(r: SegmentColumns, ctx: Pick<SectionContext, 'tenant'>): string {
  switch (r.segment_type) {
    case 'tenant_workflow':
      return ctx.tenant ? String(r.workflow) : `${r.tenant_id} · ${r.workflow}`;
    case 'workflow':
      return `${r.workflow} (all tenants)`;
    case 'prompt_version':
      return `${r.workflow}, prompt ${r.prompt_version}`;
    case 'model':
      return `model ${r.model}`;
    default:
      return 'all traffic';
  }
}

/** A value of a numeric drift metric with its unit. */
export function metricValue(metric: string, v: number | null): string {
  if (metric === 'latency_ms') return ms(v);
  if (metric === 'cost_usd') return usd(v);
  if (metric.endsWith('_tokens')) return count(v);
  return number(v);
}

export const METRIC_LABELS: Record<string, string> = {
  unknown_rate: 'unknown share',
  error_rate: 'error + timeout rate',
  fallback_rate: 'fallback rate',
  human_override_rate: 'human-override rate',
  low_confidence_rate: 'low-confidence rate',
  category: 'category mix',
  latency_ms: 'latency',
  input_tokens: 'input tokens',
  output_tokens: 'output tokens',
  confidence: 'confidence',
  cost_usd: 'cost per request',
};

export const metricLabel = (m: string): string => METRIC_LABELS[m] ?? m;

/** What a finding says, with its numbers: the statement of its verdict signal and its table note. */
export function findingStatement(r: DriftRow): string {
  const topic = topicOf(r.metric);
  if (r.kind === 'rate') {
    const now = r.spike_start_day && r.since_start_rate !== null ? `${pct(r.since_start_rate)} since ${day(r.spike_start_day)}` : `${pct(r.current_rate)} this week`;
    return `${topic} ${pct(r.reference_rate)} before → ${now}`;
  }
  if (r.kind === 'numeric') {
    // the quantile that moved: a confidence drift is a lower tail that grew, its p95 barely moves (0.972 → 0.968)
    const moved = (now: number | null, before: number | null) => (now !== null && before ? Math.abs(now / before - 1) : 0);
    const q = moved(r.current_p50, r.reference_p50) > 1.5 * moved(r.current_p95, r.reference_p95) ? 'p50' : 'p95';
    const [before, now] = q === 'p50' ? [r.reference_p50, r.current_p50] : [r.reference_p95, r.current_p95];
    return `${topic} ${q} ${metricValue(r.metric, before)} before → ${metricValue(r.metric, now)} this week`;
  }
  const added = r.new_categories?.length ? `; new: ${r.new_categories.join(', ')}` : '';
  const gone = r.vanished_categories?.length ? `; vanished: ${r.vanished_categories.join(', ')}` : '';
  return `${topic} shifted (${r.lead_test.replaceAll('_', ' ')} ${number(r.lead_effect)})${added}${gone}`;
}

export const SEVERITY_LEVEL: Record<string, Level> = { high: 'red', medium: 'amber', low: 'info' };

/** Drift segments as the SQL macro drift_segments (data/macros/drift_segments.sql) yields them. */
export const SEGMENT_TYPES = ['overall', 'workflow', 'tenant_workflow', 'model', 'prompt_version'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export interface SegmentKey {
  segment_type: SegmentType;
  tenant_id: string | null;
  workflow: string | null;
  model: string | null;
  prompt_version: string | null;
}

/**
 * A value inside a label, its separators percent-encoded (% / = | as %25 %2F %3D %7C): values come from the logs,
 * and a workflow named `triage/prompt_version=v1` gave the label of triage's prompt version v1, so one of the two
 * findings never alerted (alert keys are `label|metric|test`). Values without those characters read as written.
 */
const labelValue = (v: string) => v.replace(/[%/=|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The stored label: 'all', 'workflow=triage', 'tenant_id=acme/workflow=triage', 'model=…', 'workflow=…/prompt_version=…'. */
export function segmentLabel(k: SegmentKey): string {
  const parts: string[] = [];
  if (k.tenant_id !== null) parts.push(`tenant_id=${labelValue(k.tenant_id)}`);
  if (k.workflow !== null) parts.push(`workflow=${labelValue(k.workflow)}`);
  if (k.model !== null) parts.push(`model=${labelValue(k.model)}`);
  if (k.prompt_version !== null) parts.push(`prompt_version=${labelValue(k.prompt_version)}`);
  return parts.length ? parts.join('/') : 'all';
}

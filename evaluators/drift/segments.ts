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

/** The stored label: 'all', 'workflow=triage', 'tenant_id=acme/workflow=triage', 'model=…', 'workflow=…/prompt_version=…'. */
export function segmentLabel(k: SegmentKey): string {
  const parts: string[] = [];
  if (k.tenant_id !== null) parts.push(`tenant_id=${k.tenant_id}`);
  if (k.workflow !== null) parts.push(`workflow=${k.workflow}`);
  if (k.model !== null) parts.push(`model=${k.model}`);
  if (k.prompt_version !== null) parts.push(`prompt_version=${k.prompt_version}`);
  return parts.length ? parts.join('/') : 'all';
}

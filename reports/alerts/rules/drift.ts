import { z } from 'zod';
import { defineRule } from '../defineRule.ts';
import { severity } from '../severity.ts';

const SEGMENT_TYPES = ['overall', 'workflow', 'tenant_workflow', 'model', 'prompt_version'] as const;
/** drift_latest.severity_rank of each drift severity. */
const DRIFT_RANK = { low: 2, medium: 3, high: 4 } as const;

export const drift = defineRule({
  name: 'drift',
  description: 'findings of the latest drift run at or above min_severity: one alert per segment × metric, led by its most severe test, naming the others that agree',
  source: 'drift_latest',
  // the latest drift run's current window, by the week of its last day
  dataWeek: 'SELECT iso_week(CAST(max(window_end) - INTERVAL 1 DAY AS DATE)) FROM drift_latest',
  options: z
    .object({
      min_severity: severity.default('high').describe('the least severe drift finding that fires an alert'),
      segment_types: z.array(z.enum(SEGMENT_TYPES)).min(1).default([...SEGMENT_TYPES]).describe('which kinds of segment alert'),
    })
    .strict(),
  params: (o) => ({ min_severity_rank: DRIFT_RANK[o.min_severity], segment_types: o.segment_types }),
});

import { z } from 'zod';
import { defineRule } from '../defineRule.ts';
import { severity } from '../severity.ts';

export const unpricedModel = defineRule({
  name: 'unpriced_model',
  description: 'models of unpriced_model_alerts in the latest week with records: their cost is missing from every total',
  source: 'unpriced_model_alerts',
  dataWeek: 'SELECT iso_week(utc_day(max(ts))) FROM records',
  options: z.object({ severity: severity.default('medium') }).strict(),
  params: (o) => ({ severity: o.severity }),
});

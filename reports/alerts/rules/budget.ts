import { z } from 'zod';
import { defineRule } from '../defineRule.ts';
import { severity } from '../severity.ts';

export const budget = defineRule({
  name: 'budget',
  description: "budgets of budget_alerts in the latest month: over budget (high) or forecast past cost.alerts.budget_forecast_burn_ratio",
  source: 'budget_alerts',
  dataWeek: 'SELECT iso_week(max(day)) FROM budget_burn_daily',
  options: z
    .object({ forecast_severity: severity.default('medium').describe('severity of a forecast that reaches the threshold while the month-to-date cost is still within budget') })
    .strict(),
  params: (o) => ({ forecast_severity: o.forecast_severity }),
});

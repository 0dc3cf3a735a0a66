import type { AlertRuleDefinition } from '../defineRule.ts';
import { budget } from './budget.ts';
import { drift } from './drift.ts';
import { unpricedModel } from './unpricedModel.ts';

/**
 * Every alert rule type. An explicit list: adding one is its file, its query in data/queries/alerts/ and one line
 * here (test/reports/alerts/registries.test.ts checks this list against the files).
 */
export const RULES: readonly AlertRuleDefinition[] = [drift, budget, unpricedModel] as unknown as AlertRuleDefinition[];

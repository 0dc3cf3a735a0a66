import type { SectionDefinition } from '../defineSection.ts';
import { alerts } from './alerts.ts';
import { cost } from './cost.ts';
import { dataQuality } from './dataQuality.ts';
import { drift } from './drift.ts';
import { golden } from './golden.ts';
import { judge } from './judge.ts';
import { operations } from './operations.ts';

/**
 * Every report section, in page order. An explicit list: adding a section is its file and one line here
 * (test/reports/sections/registry.test.ts checks this list against the files in reports/sections/).
 */
export const SECTIONS: readonly SectionDefinition[] = [operations, cost, drift, golden, judge, alerts, dataQuality];

import { z } from 'zod';

/** How bad an alert is; a channel's min_severity and the drift rule's threshold use the same scale. */
export const severity = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof severity>;

export const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };

import { z } from 'zod';
import { isoDate } from '../isoDate.ts';

const usd = z.number().nonnegative();
const discount = z.number().min(0).max(1).describe('fraction off the list price, e.g. 0.15 for 15% off');

const modelTerms = z
  .object({
    discount: discount.optional(),
    input_mtok: usd.optional().describe('USD per million uncached input tokens'),
    cached_input_mtok: usd.optional().describe('USD per million cached input tokens (default: input_mtok)'),
    output_mtok: usd.optional().describe('USD per million output tokens'),
    request_usd: usd.optional().describe('USD per request'),
  })
  .strict()
  .refine((m) => (m.discount !== undefined) !== (m.input_mtok !== undefined || m.output_mtok !== undefined || m.cached_input_mtok !== undefined || m.request_usd !== undefined), {
    message: 'give either a discount or prices (input_mtok and output_mtok), not both',
  })
  .refine((m) => m.discount !== undefined || (m.input_mtok !== undefined && m.output_mtok !== undefined), {
    message: 'prices need input_mtok and output_mtok',
  });

/** One negotiated term of a tenant: a discount, per-provider discounts, per-model discounts or prices. */
export const tenantTerm = z
  .object({
    from: isoDate.optional().describe('first day the term applies (UTC); default: always'),
    to: isoDate.optional().describe('day the term ends (exclusive); default: open'),
    discount: discount.optional(),
    providers: z.record(z.string().min(1), z.object({ discount }).strict()).default({}).describe('discounts by provider id, e.g. openai'),
    models: z
      .record(z.string().min(1), modelTerms)
      .default({})
      .describe('by model: the logged id or the price table model (gpt-4o covers gpt-4o-2024-08-06); a discount or absolute prices'),
  })
  .strict()
  .refine((t) => !t.from || !t.to || t.from < t.to, { message: 'to must be after from', path: ['to'] });

export type TenantTerm = z.infer<typeof tenantTerm>;

const tenantTerms = z
  .array(tenantTerm)
  .min(1)
  .superRefine((terms, ctx) => {
    terms.forEach((a, i) =>
      terms.slice(0, i).forEach((b, j) => {
        if ((a.from ?? '') < (b.to ?? '9999') && (b.from ?? '') < (a.to ?? '9999')) {
          ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `overlaps term ${j}: give each term its own from/to` });
        }
      }),
    );
  });

const budgetMap = z.record(z.string().min(1), usd.describe('monthly budget in USD'));

/** The `cost` section of assay.config.json (docs/cost.md explains each key). */
export const costConfig = z
  .object({
    prices_file: z.string().min(1).optional().describe("the team's own price CSV (same columns as data/prices/prices.csv); its rows win over shipped ones"),
    fallback_providers: z
      .array(z.string().min(1))
      .default([])
      .describe('providers tried, in order, for model ids no provider claims (e.g. groq, together for open models)'),
    tenants: z
      .record(z.string().min(1), z.union([tenantTerm, tenantTerms]))
      .default({})
      .describe('negotiated prices per tenant: one term, or several with from/to'),
    budgets: z
      .object({ tenants: budgetMap.default({}), workflows: budgetMap.default({}) })
      .strict()
      .prefault({})
      .describe('monthly budgets in USD per tenant and per workflow'),
    alerts: z
      .object({
        unpriced_min_requests: z.number().int().positive().default(1).describe('unpriced_model_alerts lists a model from this many sampled requests a week'),
        budget_forecast_burn_ratio: z.number().positive().default(1).describe('budget_alerts lists a scope whose forecast reaches this share of its budget'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type CostConfig = z.infer<typeof costConfig>;

import { defineSection } from '../defineSection.ts';

/** The views of docs/warehouse.md's cost contract (notes/cost-contract.md) that this section reads. */
export const COST_VIEWS = [
  'cost_by_day', 'cost_by_tenant_week', 'cost_by_workflow_week', 'cost_by_model_week', 'cost_per_successful_request',
  'cost_waste_week', 'unpriced_models', 'budget_burn_daily', 'cost_change_week',
] as const;

export const cost = defineSection({
  name: 'cost',
  title: 'Cost',
  reads: [],
  datasets: [],
  needs: {
    objects: COST_VIEWS,
    missing: 'Cost not available: run `assay cost`.',
    remedy: ' The cost views (cost_by_workflow_week, cost_by_tenant_week, cost_by_model_week, …) are made by the cost job from the price table; this warehouse does not have them.',
  },
});

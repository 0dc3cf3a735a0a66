-- The drift segments a record belongs to: overall, per workflow, per tenant × workflow, per model and per
-- workflow × prompt version (a prompt version belongs to one workflow). Unnested by the drift aggregates
-- (data/queries/drift/*.sql); evaluators/drift/segments.ts turns each into its label.
CREATE OR REPLACE MACRO drift_segments(tenant_id, workflow, model, prompt_version) AS [
  {'segment_type': 'overall', 'tenant_id': NULL::VARCHAR, 'workflow': NULL::VARCHAR, 'model': NULL::VARCHAR, 'prompt_version': NULL::VARCHAR},
  {'segment_type': 'workflow', 'tenant_id': NULL::VARCHAR, 'workflow': workflow, 'model': NULL::VARCHAR, 'prompt_version': NULL::VARCHAR},
  {'segment_type': 'tenant_workflow', 'tenant_id': tenant_id, 'workflow': workflow, 'model': NULL::VARCHAR, 'prompt_version': NULL::VARCHAR},
  {'segment_type': 'model', 'tenant_id': NULL::VARCHAR, 'workflow': NULL::VARCHAR, 'model': model, 'prompt_version': NULL::VARCHAR},
  {'segment_type': 'prompt_version', 'tenant_id': NULL::VARCHAR, 'workflow': workflow, 'model': NULL::VARCHAR, 'prompt_version': prompt_version}
];

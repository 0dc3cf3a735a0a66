-- Category mix before and after for the segments shown ($segments: 'tenant/workflow', tenant empty for all tenants).
SELECT * FROM category_mix_week
WHERE week = $week AND list_contains($segments, coalesce(tenant_id, '') || '/' || workflow)
  AND ($tenant IS NULL OR tenant_id = $tenant)
ORDER BY tenant_id NULLS FIRST, workflow, current_share DESC NULLS LAST, category

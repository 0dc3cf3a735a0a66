-- Category mix before and after for the segments shown ($segments: a JSON list of {tenant_id, workflow}, tenant_id
-- null for all tenants; matched as values, so names holding '/' or any other character never match another segment).
SELECT m.* FROM category_mix_week m
WHERE m.week = $week
  AND EXISTS (SELECT 1 FROM (SELECT unnest(CAST($segments AS JSON)::STRUCT(tenant_id VARCHAR, workflow VARCHAR)[], recursive := true)) s
              WHERE (s.tenant_id = m.tenant_id OR (s.tenant_id IS NULL AND m.tenant_id IS NULL)) AND s.workflow = m.workflow)
  AND ($tenant IS NULL OR m.tenant_id = $tenant)
ORDER BY m.tenant_id NULLS FIRST, m.workflow, m.current_share DESC NULLS LAST, m.category

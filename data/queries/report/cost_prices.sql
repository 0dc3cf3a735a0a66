-- Whether the cost job has loaded a price table: without an active version no record can be priced.
SELECT count(*) FILTER (WHERE status = 'active') AS active_versions, max(activated_at) AS last_activated_at FROM price_versions

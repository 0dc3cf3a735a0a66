-- Quarantined records grouped by reason and field: what is wrong with the incoming logs.
SELECT reason, field, count(*) AS records, count(DISTINCT source_file) AS files,
       min(quarantined_at) AS first_seen, max(quarantined_at) AS last_seen
FROM quarantine
GROUP BY reason, field
ORDER BY records DESC

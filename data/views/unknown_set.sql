-- The unknown categories (table unknown_categories, from the config's drift.unknown_categories) as one row for the
-- views' unknown_rate: the values — every label of the records that unknown_label() reads as a configured one
-- ('Unknown', 'UNKNOWN ' for 'unknown'), as the drift tests match them — and whether a record without a category
-- counts too (null configured, or '': ingest stores an empty label as missing).
WITH configured AS (
  SELECT category, unknown_label(category) AS label FROM unknown_categories
)
SELECT list_distinct(coalesce(list(category) FILTER (WHERE category IS NOT NULL), []) || coalesce((
         SELECT list(r.category) FROM (SELECT DISTINCT category FROM records WHERE category IS NOT NULL) r
         WHERE unknown_label(r.category) IN (SELECT label FROM configured WHERE label IS NOT NULL)
       ), [])) AS categories,
       coalesce(bool_or(category IS NULL OR label = ''), false) AS with_null
FROM configured

-- The unknown categories (table unknown_categories, from the config's drift.unknown_categories) as one row for the
-- views' unknown_rate: the values, and whether a record without a category counts too.
SELECT coalesce(list(category) FILTER (WHERE category IS NOT NULL), []) AS categories,
       coalesce(bool_or(category IS NULL), false) AS with_null
FROM unknown_categories

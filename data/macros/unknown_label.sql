-- A category label as the unknown categories (drift.unknown_categories) are matched: ignoring case and surrounding
-- whitespace, so a classifier answering 'Unknown' or 'UNKNOWN ' counts as 'unknown' does. An empty label is stored
-- as a missing one (ingest), so '' configured counts records without a category. Used by the drift rates
-- (data/queries/drift/rate_counts.sql) and the views' unknown set (data/views/unknown_set.sql).
CREATE OR REPLACE MACRO unknown_label(c) AS lower(trim(c, ' ' || chr(9) || chr(10) || chr(13)));

-- The category values the views count in unknown_rate (workflow_daily, workflow_week_over_week): the config's
-- drift.unknown_categories, as the last job ran with it (runJob writes it), so the report's rates and the drift
-- tests count the same records. A row with NULL: a record without a category counts too.
CREATE TABLE unknown_categories (category VARCHAR);
INSERT INTO unknown_categories VALUES ('unknown');

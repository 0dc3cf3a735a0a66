-- The rest of a drift run's settings, so a stored result can be reproduced: each test's options (config
-- drift.tests: PSI bins, the Jensen–Shannon log base, the p-chart sigma …) and the effect-size band overrides
-- (drift.thresholds). NULL for runs stored before: they ran with the defaults and no overrides.
ALTER TABLE drift_runs ADD COLUMN test_options JSON;
ALTER TABLE drift_runs ADD COLUMN thresholds JSON;

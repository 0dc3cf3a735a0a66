-- The drift run behind the report week (its current window is exactly the week).
SELECT * FROM drift_week_runs WHERE week = $week

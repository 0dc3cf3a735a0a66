-- A figure in an alert message: whole numbers from 1000 up ('18,595'), else four significant digits ('0.008660').
-- Rounded half away from zero, as the report and the CLI round (printf alone rounds 2248.5 to 2,248).
CREATE OR REPLACE MACRO alert_number(x) AS CASE WHEN x IS NULL THEN '?' WHEN abs(x) >= 1000 THEN printf('%,.0f', round(x)) ELSE printf('%.4g', x) END;
-- An alert severity's rank (reports/alerts/severity.ts SEVERITY_RANK): high 3, medium 2, low 1.
CREATE OR REPLACE MACRO alert_severity_rank(s) AS CASE s WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END;
-- Whether a silence (alert_silences: rule or NULL for any, alert_key exact or a prefix ending in '*') matches an alert.
CREATE OR REPLACE MACRO alert_silence_matches(s_rule, s_key, rule, alert_key) AS
  (s_rule IS NULL OR s_rule = rule)
  AND CASE WHEN ends_with(s_key, '*') THEN starts_with(alert_key, left(s_key, -1)) ELSE alert_key = s_key END;
-- The silence in force on an alert now: {until, reason} of the matching silence that ends last; until NULL when none.
CREATE OR REPLACE MACRO alert_silence_now(a_rule, a_key) AS (
  SELECT {'until': max(s.ends_at), 'reason': arg_max(s.reason, s.ends_at)}
  FROM alert_silences s WHERE s.ends_at > now() AND alert_silence_matches(s.rule, s.alert_key, a_rule, a_key));

-- Models of the report week that no price covers: their records are not costed (all-tenant report).
SELECT * FROM unpriced_models WHERE week_start = CAST($week_start AS DATE) ORDER BY requests DESC, model

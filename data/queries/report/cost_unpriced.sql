-- Models of the report week that no price covers: their records are not costed (all-tenant report).
SELECT * FROM unpriced_models WHERE week = $week ORDER BY requests DESC, model

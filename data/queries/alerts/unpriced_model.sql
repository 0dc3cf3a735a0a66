-- The unpriced-model rule: models of unpriced_model_alerts in the latest week with records. A model that is
-- priced now, or no longer used, resolves.
SELECT model AS alert_key,
       $severity AS severity,
       'model ' || model AS subject,
       requests || CASE WHEN requests = 1 THEN ' sampled request' ELSE ' sampled requests' END
         || ' (≈ ' || CAST(round(est_requests) AS BIGINT) || ' in production) in ' || week || ' without a price: ' || unpriced_reason
         || '; their cost is left out of every total' AS message,
       'SELECT * FROM unpriced_model_alerts WHERE model = ''' || replace(model, '''', '''''') || ''' ORDER BY week' AS evidence,
       'unpriced_model_alerts' AS source_view,
       CAST(NULL AS VARCHAR) AS tenant_id, -- a model's requests span tenants
       week AS data_week
FROM unpriced_model_alerts
WHERE week_start = (SELECT utc_week_start(max(ts)) FROM records)

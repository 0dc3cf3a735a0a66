-- Price versions: every price table Assay has loaded (docs/cost.md, "Versions"). A version is active for
-- [applies_from, applies_to) (NULL = open); a pending version waits for `assay cost reprice`.
CREATE TABLE price_versions (
  version INTEGER PRIMARY KEY,
  status VARCHAR NOT NULL, -- active | superseded | pending | discarded
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  activated_at TIMESTAMP WITH TIME ZONE,
  applies_from TIMESTAMP WITH TIME ZONE,
  applies_to TIMESTAMP WITH TIME ZONE,
  content_hash VARCHAR NOT NULL,
  shipped_source VARCHAR, -- '@pydantic/genai-prices 0.1.8; generated: 2026-12-01'
  shipped_hash VARCHAR NOT NULL,
  user_file VARCHAR,
  user_hash VARCHAR,
  tenant_terms JSON NOT NULL, -- cost.tenants as loaded
  fallback_providers VARCHAR[] NOT NULL,
  created_by_run VARCHAR,
  activated_by_run VARCHAR,
  change VARCHAR, -- initial | no stored cost changed | newly priced only | reprice
  records_repriced BIGINT,
  old_cost_usd DOUBLE,
  new_cost_usd DOUBLE
);

-- The price rows of each version: shipped (data/prices/prices.csv) and the user's file, in match order.
CREATE TABLE prices (
  version INTEGER NOT NULL,
  price_id VARCHAR NOT NULL,
  source VARCHAR NOT NULL, -- shipped | user
  position INTEGER NOT NULL,
  provider VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  match VARCHAR NOT NULL, -- genai-prices MatchLogic as JSON
  effective_from TIMESTAMP WITH TIME ZONE,
  effective_to TIMESTAMP WITH TIME ZONE,
  time_from INTEGER NOT NULL, -- seconds after UTC midnight
  time_to INTEGER NOT NULL,
  input_mtok DOUBLE,
  cached_input_mtok DOUBLE,
  output_mtok DOUBLE,
  request_usd DOUBLE,
  tier_threshold_tokens BIGINT,
  tier_input_mtok DOUBLE,
  tier_cached_input_mtok DOUBLE,
  tier_output_mtok DOUBLE,
  file VARCHAR NOT NULL,
  line BIGINT NOT NULL
);

-- Providers of each version (data/prices/providers.csv), in the order they claim model ids.
CREATE TABLE price_providers (
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  provider VARCHAR NOT NULL,
  name VARCHAR,
  model_match VARCHAR, -- MatchLogic JSON; NULL = claims no id by itself
  fallback_providers VARCHAR[] NOT NULL,
  pricing_url VARCHAR
);

-- The price a record of each logged model id is charged: one row per piece of time (dates × UTC hours) of the
-- active versions and range of input tokens per request (long-context tiers), defaults filled in; prices NULL
-- where nothing prices it (unpriced_reason says why). Rebuilt by the cost job.
CREATE TABLE model_prices (
  model VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  effective_from TIMESTAMP WITH TIME ZONE NOT NULL, -- '-infinity' when open
  effective_to TIMESTAMP WITH TIME ZONE NOT NULL, -- 'infinity' when open
  time_from_us BIGINT NOT NULL, -- microseconds after UTC midnight
  time_to_us BIGINT NOT NULL,
  input_tokens_from BIGINT NOT NULL, -- input tokens of the request, inclusive
  input_tokens_to BIGINT NOT NULL, -- exclusive; 9e18 when open
  tiered BOOLEAN NOT NULL, -- the long-context tier price of the entry
  price_id VARCHAR,
  source VARCHAR,
  provider VARCHAR,
  price_model VARCHAR,
  matched_by VARCHAR,
  input_mtok DOUBLE,
  cached_input_mtok DOUBLE,
  output_mtok DOUBLE,
  request_usd DOUBLE,
  unpriced_reason VARCHAR,
  resolved_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Tenants' negotiated terms per logged model id and piece of time (cost.tenants), for the active versions.
CREATE TABLE tenant_model_prices (
  tenant_id VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  effective_from TIMESTAMP WITH TIME ZONE NOT NULL,
  effective_to TIMESTAMP WITH TIME ZONE NOT NULL,
  rule VARCHAR NOT NULL,
  discount DOUBLE,
  input_mtok DOUBLE,
  cached_input_mtok DOUBLE,
  output_mtok DOUBLE,
  request_usd DOUBLE
);

-- What each version change did to stored records, per tenant, workflow and model (old vs new totals).
CREATE TABLE price_version_changes (
  version INTEGER NOT NULL,
  previous_versions INTEGER[] NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  applies_from TIMESTAMP WITH TIME ZONE,
  tenant_id VARCHAR NOT NULL,
  workflow VARCHAR NOT NULL,
  model VARCHAR NOT NULL,
  requests BIGINT NOT NULL,
  old_priced_requests BIGINT NOT NULL,
  new_priced_requests BIGINT NOT NULL,
  old_cost_usd DOUBLE,
  new_cost_usd DOUBLE,
  old_est_cost_usd DOUBLE,
  new_est_cost_usd DOUBLE
);

-- Monthly budgets from config (cost.budgets), replaced on every cost run.
CREATE TABLE cost_budgets (
  scope VARCHAR NOT NULL, -- tenant | workflow
  scope_id VARCHAR NOT NULL,
  monthly_budget_usd DOUBLE NOT NULL,
  loaded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  run_id VARCHAR
);

-- Alert thresholds from config (cost.alerts), replaced on every cost run; the *_alerts views read them.
CREATE TABLE cost_alert_rules (
  rule VARCHAR PRIMARY KEY, -- unpriced_min_requests | budget_forecast_burn_ratio
  threshold DOUBLE NOT NULL,
  loaded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  run_id VARCHAR
);

-- Which provider names a `provider/model` id's prefix may use for a provider (genai-prices' provider_match:
-- `bedrock` for aws, `vertex_ai` for google); NULL = only the provider's id. Versions stored before have NULL.
ALTER TABLE price_providers ADD COLUMN provider_match VARCHAR;

-- Helpers the shipped ingest mappings (data/mappings/*.json) call; usable from custom mappings too.

-- Deterministic sampling draw in [0, 1) from a record id: the first 13 hex digits of md5(id) / 16^13.
-- Reproducible in any language (int(md5(id)[:13], 16) / 16**13) and independent of DuckDB's hash().
CREATE OR REPLACE MACRO sample_u(id) AS CAST('0x' || substr(md5(id), 1, 13) AS BIGINT) / 4503599627370496.0;

-- The text of an OpenAI chat message `content`: a string, or an array of parts of which the text parts are joined.
CREATE OR REPLACE MACRO openai_content_text(c) AS
  CASE json_type(c)
    WHEN 'VARCHAR' THEN c ->> '$'
    WHEN 'ARRAY' THEN array_to_string(list_transform(
      list_filter(from_json(c, '[{"type":"VARCHAR","text":"VARCHAR"}]'), p -> p.type = 'text'), p -> p.text), '\n')
  END;

-- The last message with role 'user' in an OpenAI `messages` array (JSON text).
CREATE OR REPLACE MACRO openai_last_user_text(messages) AS
  CASE WHEN json_type(messages) = 'ARRAY' THEN openai_content_text(
    list_filter(from_json(messages, '[{"role":"VARCHAR","content":"JSON"}]'), m -> m.role = 'user')[-1].content)
  END;

-- OTLP/JSON attributes ([{key, value: {stringValue|intValue|doubleValue|boolValue}}]) as a flat JSON object;
-- an attribute map that is already flat is returned as it is.
CREATE OR REPLACE MACRO otel_attributes_map(attrs) AS
  CASE json_type(attrs)
    WHEN 'ARRAY' THEN CAST(to_json(map_from_entries(list_transform(
      from_json(attrs, '[{"key":"VARCHAR","value":"JSON"}]'),
      a -> {'key': a.key, 'value': coalesce(a.value ->> 'stringValue', a.value ->> 'intValue', a.value ->> 'doubleValue',
                                             a.value ->> 'boolValue', CAST(a.value -> 'arrayValue' AS VARCHAR))}))) AS JSON)
    ELSE attrs
  END;

-- A span with its span and resource attributes flattened, so mapping paths read $.attributes."gen_ai.usage.input_tokens".
CREATE OR REPLACE MACRO otel_span_document(raw) AS
  json_merge_patch(raw, json_object(
    'attributes', coalesce(otel_attributes_map(json_extract(raw, '$.attributes')), CAST('{}' AS JSON)),
    'resource', json_object('attributes', coalesce(otel_attributes_map(json_extract(raw, '$.resource.attributes')), CAST('{}' AS JSON)))));

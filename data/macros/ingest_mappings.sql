-- Helpers the shipped ingest mappings (data/mappings/*.json) call; usable from custom mappings too.

-- Deterministic sampling draw in [0, 1) from a record id: the first 13 hex digits of md5(id) / 16^13.
-- Reproducible in any language (int(md5(id)[:13], 16) / 16**13) and independent of DuckDB's hash().
CREATE OR REPLACE MACRO sample_u(id) AS CAST('0x' || substr(md5(id), 1, 13) AS BIGINT) / 4503599627370496.0;

-- A timestamp given either as text (ISO 8601) or as a Unix epoch number whose unit is told by its size
-- (seconds, milliseconds, microseconds or nanoseconds), as text the ingest casts to TIMESTAMPTZ.
CREATE OR REPLACE MACRO epoch_or_iso(v) AS
  -- below 1e9 (before 2001 in seconds) a number is more likely a year or a date number than an epoch, and a
  -- negative one is no time a log writes: left as text, which text_timestamp rejects; so is infinity, NaN or
  -- beyond nanoseconds' range
  CASE WHEN isfinite(TRY_CAST(v AS DOUBLE)) AND TRY_CAST(v AS DOUBLE) >= 1e9 AND TRY_CAST(v AS DOUBLE) < 9e18
       THEN CAST(to_timestamp(TRY_CAST(v AS DOUBLE) / CASE WHEN TRY_CAST(v AS DOUBLE) < 1e11 THEN 1
                                                          WHEN TRY_CAST(v AS DOUBLE) < 1e14 THEN 1e3
                                                          WHEN TRY_CAST(v AS DOUBLE) < 1e17 THEN 1e6
                                                          ELSE 1e9 END) AS VARCHAR)
       ELSE v END;

-- The UTC offset ('+01:00') a zone abbreviation names, NULL for one not listed. An abbreviation names one
-- offset, standard or summer time, whatever the date: 'BST' is +01:00, a 'PST' in July still -08:00. These are
-- the ones production logs write: tzdata's (Python's %Z, `date +%Z`, Go, PostgreSQL) and Java's
-- Date.toString(). DuckDB's cast reads abbreviations by ICU's legacy zone IDs instead (BST as Bangladesh, AST
-- as Alaska, ART as Cairo, a summer CST as CDT) or not at all (PDT, CEST, MSK): text_timestamp asks only this.
-- Left out, so a bad_timestamp rather than a guess: CST (US Central, but China's and Taiwan's too, which tzdata
-- and Java write as CST, and Cuba's) and IST (India, Ireland's summer time, Israel), each common in more than
-- one meaning; SST, GST and the like; the IANA's old links of up to 5 letters (NZ, PRC, GB, Japan).
-- Looked up in one text, not a MAP or a CASE: inside text_timestamp's lambdas a MAP literal is built again for
-- every record (18 µs) and a CASE of them all set up again for every chunk of records (0.5 ms).
CREATE OR REPLACE MACRO zone_abbreviation_offsets() AS
  ' UTC=+00:00 GMT=+00:00 UT=+00:00 Z=+00:00'
  -- North America
  ' EST=-05:00 EDT=-04:00 CDT=-05:00'
  ' MST=-07:00 MDT=-06:00 PST=-08:00 PDT=-07:00'
  ' AKST=-09:00 AKDT=-08:00 HST=-10:00 HDT=-09:00'
  ' AST=-04:00 ADT=-03:00 NST=-03:30 NDT=-02:30'
  -- South America (Java's names; tzdata writes the offset, '-03')
  ' ART=-03:00 BRT=-03:00'
  -- Europe and Africa
  ' WET=+00:00 WEST=+01:00 BST=+01:00'
  ' CET=+01:00 CEST=+02:00 MET=+01:00 MEST=+02:00'
  ' EET=+02:00 EEST=+03:00 MSK=+03:00'
  ' WAT=+01:00 CAT=+02:00 SAST=+02:00 EAT=+03:00'
  -- Asia
  ' IDT=+03:00 PKT=+05:00 WIB=+07:00 WITA=+08:00'
  ' WIT=+09:00 HKT=+08:00 SGT=+08:00 PHT=+08:00'
  ' KST=+09:00 JST=+09:00'
  -- Australia and New Zealand
  ' AWST=+08:00 ACST=+09:30 ACDT=+10:30'
  ' AEST=+10:00 AEDT=+11:00 NZST=+12:00 NZDT=+13:00';

CREATE OR REPLACE MACRO zone_abbreviation_offset(abbreviation) AS
  CASE WHEN strpos(zone_abbreviation_offsets(), ' ' || abbreviation || '=') > 0
       THEN substr(zone_abbreviation_offsets(), strpos(zone_abbreviation_offsets(), ' ' || abbreviation || '=') + length(abbreviation) + 2, 6) END;

-- A record's `ts` text as a timestamp (the ingest reads every `ts` mapped `as: text` with this), NULL when it
-- is none. ISO 8601 and what DuckDB's cast reads come first; only text that cast rejects tries the other forms
-- production logs carry: a Unix epoch number (unit by its size, as epoch_or_iso; below 1e9, before 2001 in
-- seconds, it is more likely a year or a date number than an epoch, and a negative one is no log's time: none),
-- a space before the UTC offset (Snowflake's '2026-11-02 11:00:00.000 +0100'), a zone name and monotonic clock
-- after it (Go's '2026-11-02 10:00:00.123 +0000 UTC m=+0.01'), a comma before the fraction (Python logging's
-- '2026-11-02 10:00:00,123'), minutes without seconds ('2026-11-02T10:00Z', '2026-11-02 10:00 UTC'), RFC
-- 3339's lower-case 't' and 'z', a zone id in brackets after the offset (Java's ZonedDateTime
-- '2026-11-02T11:00+01:00[Europe/Paris]', RFC 9557: the offset is read), the basic format ('20261102T100000Z')
-- and the HTTP date ('Mon, 02 Nov 2026 10:00:00 GMT'). Day-first or month-first dates ('02/11/2026') stay
-- rejected: which one is meant only the mapping can say (strptime in its sql).
-- The other forms are tried on the trimmed text inside a lambda, so that only text the cast rejects pays for
-- them: written out in the macro, their repeated parts (trim(v), its DOUBLE cast) were hoisted by DuckDB's
-- common-subexpression optimizer and computed for every record, which made the macro 2.2x slower.
-- The cast is not tried on a space before an offset or 'Z' ('… +0100', '… Z'): DuckDB's cast looks the text
-- after the space up as a zone name and rejects it only after 0.3 to 1 ms a record (a cast takes 0.1 µs).
-- A zone name of up to 5 letters ('BST', 'utc') is an abbreviation, read by zone_abbreviation_offset, never by
-- DuckDB; a longer one, or one with a '/', a digit or a sign, is a zone id ('Europe/Berlin', 'Etc/GMT+5'), read
-- by a cast of its own, never by the cast of every other time: DuckDB 1.5's cast to TIMESTAMPTZ keeps a zone
-- name it read for the rows after it, so '2026-11-02 10:00:00' after a Berlin time was read as Berlin time too
-- (an hour off, silently). Text holding two letters in a row has one (or is no ISO time at all); 'Z' alone ends
-- an ISO time.
CREATE OR REPLACE MACRO has_zone_name(t) AS regexp_matches(t, '[A-Za-z]{2}');

CREATE OR REPLACE MACRO text_timestamp(v) AS coalesce(
  -- the fast path: a time ending in 'Z', or holding no zone name and no space before an offset
  CASE WHEN ends_with(v, 'Z') AND NOT ends_with(v, ' Z') AND NOT ends_with(v, 'NZ') THEN TRY_CAST(v AS TIMESTAMPTZ)
       WHEN NOT regexp_matches(v, '[A-Za-z]{2}| [+Z-]') THEN TRY_CAST(v AS TIMESTAMPTZ) END,
  -- the other forms only for text holding a digit (no other text is a time): the lambdas below cost 1 to 3 ms
  -- each time a chunk of rows holds one that needs them (DuckDB sets their expressions up again), so a log that
  -- leaves out one timestamp in a thousand (NULL) or writes 'n/a' made every chunk pay that (1M records: +1 s)
  CASE WHEN regexp_matches(v, '[0-9]') THEN list_transform([trim(v)], x -> coalesce(
    -- a number in epoch range (outside it, 'inf' say, epoch_or_iso gives the text back, which a cast could read)
    CASE WHEN TRY_CAST(x AS DOUBLE) BETWEEN 1e9 AND 9e18 THEN TRY_CAST(epoch_or_iso(x) AS TIMESTAMPTZ) END,
    -- a time and a zone name: by the time's own offset when it has one, else by the abbreviation's offset or in
    -- the zone with that id; the time as ISO ('T', seconds, '.' before the fraction)
    list_transform([regexp_extract(x, '^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)? *([A-Za-z][A-Za-z0-9_/+-]*)$',
                                   ['date', 'hm', 's', 'fraction', 'offset', 'zone'])],
      p -> list_transform([p.date || 'T' || p.hm || coalesce(nullif(p.s, ''), ':00') || '.' || coalesce(nullif(p.fraction, ''), '0')],
        t -> CASE WHEN p.zone = '' THEN NULL
                  WHEN p.offset <> '' THEN TRY_CAST(t || p.offset AS TIMESTAMPTZ)
                  WHEN regexp_matches(p.zone, '^[A-Za-z]{1,5}$') THEN TRY_CAST(t || zone_abbreviation_offset(upper(p.zone)) AS TIMESTAMPTZ)
                  ELSE TRY_CAST(t || ' ' || p.zone AS TIMESTAMPTZ) END)[1])[1],
    -- other forms, in capitals ('t', 'z') and rewritten to ISO (a zone id in brackets after the offset left out);
    -- cast only when no zone name is left in them (see above)
    list_transform([regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      CASE WHEN ends_with(x, ']') THEN regexp_replace(upper(x), '^(\d{4}-\d{2}-\d{2}[ T][0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?))(?:\[[^\]]*\])+$', '\1') ELSE upper(x) END,
      '^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})', '\1-\2-\3T\4:\5:\6'),
      '^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}),(\d+)', '\1.\2'),
      '^(\d{4}-\d{2}-\d{2}[ T][0-9:.]+) ([+-]\d{2}(?::?\d{2})?)(?: [A-Z]{2,5})?(?: M=[+-]\d+(?:\.\d+)?)?$', '\1\2'),
      '^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})(Z|[+-]\d{2}(?::?\d{2})?)$', '\1:00\2')],
      r -> CASE WHEN NOT has_zone_name(r) THEN TRY_CAST(r AS TIMESTAMPTZ) END)[1],
    -- the HTTP / RFC 2822 date: a numeric offset, or a zone abbreviation read as above
    try_strptime(x, '%a, %d %b %Y %H:%M:%S %z'),
    list_transform([regexp_extract(x, '^(?:[A-Za-z]{3}, *)?(\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(?::\d{2})?) +([A-Za-z]{1,5})$', ['t', 'zone'])],
      h -> TRY_CAST(strftime(try_strptime(h.t, ['%d %b %Y %H:%M:%S', '%d %b %Y %H:%M']), '%Y-%m-%dT%H:%M:%S') || zone_abbreviation_offset(upper(h.zone)) AS TIMESTAMPTZ))[1]))[1] END);

-- The text of an OpenAI chat message `content`, a Responses API input or output message's content, or an
-- Anthropic message's content blocks: a string, or an array of parts whose text parts (`text`, `input_text`,
-- `output_text`) are joined by newlines (images, files, tool calls and tool results left out).
CREATE OR REPLACE MACRO openai_content_text(c) AS
  CASE json_type(c)
    WHEN 'VARCHAR' THEN c ->> '$'
    WHEN 'ARRAY' THEN array_to_string(list_transform(
      list_filter(from_json(c, '[{"type":"VARCHAR","text":"VARCHAR"}]'), p -> p.type IN ('text', 'input_text', 'output_text')), p -> p.text), chr(10))
  END;

-- The value at `path` (e.g. '$.category') of an answer that is a JSON object, NULL for any other answer (plain
-- text, a JSON array): a classifier's label read from its JSON output. The answer is read as JSON only where valid.
CREATE OR REPLACE MACRO json_answer_field(answer, path) AS
  CASE WHEN json_type(CASE WHEN json_valid(answer) THEN answer END) = 'OBJECT' THEN json_extract_string(CASE WHEN json_valid(answer) THEN answer END, path) END;

-- The user's text of a Responses API request `input`: a plain string as it is, else the last user message of its
-- items. The text (a path's value) is read as JSON only where it is valid JSON.
CREATE OR REPLACE MACRO openai_response_input_text(input) AS
  CASE WHEN json_type(CASE WHEN json_valid(input) THEN input END) = 'ARRAY' THEN openai_last_user_text(CASE WHEN json_valid(input) THEN input END)
       ELSE input END;

-- The answer of a Responses API `output`: the text parts of its message items (output_text; a refusal's text
-- where the model refused), joined by newlines; reasoning, tool and function call items left out. NULL when the
-- output holds no text (only a function call).
CREATE OR REPLACE MACRO openai_response_output_text(output) AS
  CASE WHEN json_type(CASE WHEN json_valid(output) THEN output END) = 'ARRAY' THEN nullif(array_to_string(list_transform(
    list_filter(flatten(list_transform(
      list_filter(from_json(CASE WHEN json_valid(output) THEN output END, '[{"type":"VARCHAR","content":[{"type":"VARCHAR","text":"VARCHAR","refusal":"VARCHAR"}]}]'), i -> i.type = 'message'),
      i -> coalesce(i.content, []))), p -> p.type IN ('output_text', 'refusal')),
    p -> coalesce(p.text, p.refusal)), chr(10)), '')
  END;

-- The last message with role 'user' in an OpenAI `messages` array (JSON text).
CREATE OR REPLACE MACRO openai_last_user_text(messages) AS
  CASE WHEN json_type(messages) = 'ARRAY' THEN openai_content_text(
    list_filter(from_json(messages, '[{"role":"VARCHAR","content":"JSON"}]'), m -> m.role = 'user')[-1].content)
  END;

-- OTLP/JSON attributes ([{key, value: {stringValue|intValue|doubleValue|boolValue}}]) as a flat JSON object;
-- an attribute map that is already flat is returned as it is.
-- The array is parsed once into its typed values (reading each value with ->> parsed it again per kind).
CREATE OR REPLACE MACRO otel_attributes_map(attrs) AS
  CASE json_type(attrs)
    WHEN 'ARRAY' THEN CAST(to_json(map_from_entries(list_transform(
      from_json(attrs, '[{"key":"VARCHAR","value":{"stringValue":"VARCHAR","intValue":"VARCHAR","doubleValue":"VARCHAR","boolValue":"VARCHAR","arrayValue":"JSON"}}]'),
      a -> {'key': a.key, 'value': coalesce(a.value.stringValue, a.value.intValue, a.value.doubleValue, a.value.boolValue, CAST(a.value.arrayValue AS VARCHAR))}))) AS JSON)
    ELSE attrs
  END;

-- A span with its span and resource attributes flattened, so mapping paths read $.attributes."gen_ai.usage.input_tokens".
CREATE OR REPLACE MACRO otel_span_document(raw) AS
  json_merge_patch(raw, json_object(
    'attributes', coalesce(otel_attributes_map(json_extract(raw, '$.attributes')), CAST('{}' AS JSON)),
    'resource', json_object('attributes', coalesce(otel_attributes_map(json_extract(raw, '$.resource.attributes')), CAST('{}' AS JSON)))));

-- Whether a span is a GenAI operation: one of its attributes (OTLP key/value array or flat map) is gen_ai.*.
CREATE OR REPLACE MACRO otel_is_genai(span) AS
  coalesce(len(list_filter(
    CASE json_type(span, '$.attributes')
      WHEN 'ARRAY' THEN list_transform(from_json(json_extract(span, '$.attributes'), '[{"key":"VARCHAR"}]'), a -> a.key)
      WHEN 'OBJECT' THEN json_keys(span, '$.attributes')
    END, k -> starts_with(k, 'gen_ai.'))) > 0, false);

-- Whether a record is a span of something other than a GenAI operation (an HTTP call, a database query): it
-- has a span id (OTLP's spanId, or context.span_id as the Python SDK's console exporter writes a span) but no gen_ai.* attribute. The otel_genai mapping counts these as filtered (not_genai_span);
-- a line that is not a span at all is not one of them, so it is still checked (and quarantined) as a record.
CREATE OR REPLACE MACRO otel_is_other_span(span) AS
  (json_exists(span, '$.spanId') OR json_exists(span, '$.context.span_id')) AND NOT otel_is_genai(span);

-- The spans of an OTLP/JSON export request (the collector's file exporter writes one per line:
-- {"resourceSpans":[{"resource":…,"scopeSpans":[{"scope":…,"spans":[…]}]}]}), each with its resource and scope
-- attached so a mapping reads $.resource.attributes like a span's own. An export also carries the service's
-- other spans (HTTP, database); the otel_genai mapping's filter counts them out. NULL for a line that is one span.
-- The line is parsed once, into its spans' JSON texts, and each span's resource and scope are written in front
-- of its own keys: extracting each level with json_extract parsed the whole line again per resource and scope
-- and held every parse of a chunk of lines at once (a 36 MB export of 50,000 spans did not fit in 512 MB).
CREATE OR REPLACE MACRO otel_spans(raw) AS
  flatten(list_transform(from_json(raw, '{"resourceSpans":[{"resource":"JSON","scopeSpans":[{"scope":"JSON","spans":["JSON"]}]}]}').resourceSpans, rs ->
    flatten(list_transform(coalesce(rs.scopeSpans, []), ss ->
      list_transform(coalesce(ss.spans, []), sp ->
        CASE WHEN starts_with(CAST(sp AS VARCHAR), '{') AND CAST(sp AS VARCHAR) <> '{}'
             THEN '{"resource":' || coalesce(CAST(rs.resource AS VARCHAR), 'null') || ',"scope":' || coalesce(CAST(ss.scope AS VARCHAR), 'null')
                  || ',' || substr(CAST(sp AS VARCHAR), 2)
             ELSE CAST(json_object('resource', rs.resource, 'scope', ss.scope) AS VARCHAR) END)))));

-- The text of one message of a GenAI messages attribute: its text parts (the semantic conventions' {role, parts:
-- [{type: 'text', content}]}), else its OpenAI-style content (a string or content parts).
CREATE OR REPLACE MACRO chat_message_part_text(msg) AS
  coalesce(nullif(array_to_string(list_transform(list_filter(msg.parts, p -> p.type = 'text'), p -> p.content), chr(10)), ''),
           openai_content_text(msg.content));

-- The text of the last message with role `want` in a GenAI messages attribute (gen_ai.input.messages,
-- gen_ai.output.messages, or the older gen_ai.prompt / gen_ai.completion as OpenAI-style messages); text that is no
-- JSON array of messages (a plain prompt string) is returned as it is. Every JSON function reads the text only
-- where it is valid JSON: a repeated part may be evaluated apart from its CASE (common subexpressions).
CREATE OR REPLACE MACRO chat_message_text(m, want) AS
  CASE WHEN json_type(CASE WHEN json_valid(m) THEN m END) = 'ARRAY'
       THEN chat_message_part_text(list_filter(
              from_json(CASE WHEN json_valid(m) THEN m END, '[{"role":"VARCHAR","parts":[{"type":"VARCHAR","content":"VARCHAR"}],"content":"JSON"}]'),
              x -> x.role = want)[-1])
       ELSE m END;

-- OpenLLMetry's indexed message attributes (gen_ai.prompt.0.role, gen_ai.prompt.0.content, …, in a flat
-- attribute map): the content of the last message under `prefix` with role `want`.
-- A map without such keys (most spans: content capture is off by default) is told by one contains(), before the
-- keys are listed and read (which reads the map once per key).
CREATE OR REPLACE MACRO otel_indexed_text(attrs, prefix, want) AS
  CASE WHEN contains(attrs, '"' || prefix || '.') THEN
  json_extract_string(attrs, '$."' || prefix || '.' || CAST(list_max(list_transform(
    list_filter(json_keys(attrs), k -> starts_with(k, prefix || '.') AND ends_with(k, '.role') AND json_extract_string(attrs, '$."' || k || '"') = want),
    k -> TRY_CAST(split_part(k, '.', -2) AS INTEGER))) AS VARCHAR) || '.content"') END;

-- A Langfuse generation's input as text: a prompt string as it is, else the last user message of its chat
-- messages (a list of messages, or an object holding them under `messages`, as the OpenAI integration logs a call
-- with tools); another object as its JSON.
CREATE OR REPLACE MACRO langfuse_input_text(input) AS
  CASE json_type(CASE WHEN json_valid(input) THEN input END)
    WHEN 'ARRAY' THEN chat_message_text(input, 'user')
    WHEN 'OBJECT' THEN coalesce(chat_message_text(CAST(json_extract(CASE WHEN json_valid(input) THEN input END, '$.messages') AS VARCHAR), 'user'), input)
    ELSE input
  END;

-- A Langfuse generation's output as text: the content of the assistant message it usually is ({role, content}),
-- the text of content blocks or of the last assistant message of a list, a string as it is; an object that is no
-- message (a JSON answer) as its JSON.
CREATE OR REPLACE MACRO langfuse_output_text(output) AS
  CASE json_type(CASE WHEN json_valid(output) THEN output END)
    WHEN 'OBJECT' THEN CASE WHEN json_exists(CASE WHEN json_valid(output) THEN output END, '$.role') OR json_exists(CASE WHEN json_valid(output) THEN output END, '$.content')
                            THEN chat_message_part_text(from_json(CASE WHEN json_valid(output) THEN output END, '{"role":"VARCHAR","parts":[{"type":"VARCHAR","content":"VARCHAR"}],"content":"JSON"}'))
                            ELSE output END
    WHEN 'ARRAY' THEN coalesce(chat_message_text(output, 'assistant'), openai_content_text(CASE WHEN json_valid(output) THEN output END))
    ELSE output
  END;

-- The tokens of one kind in Langfuse's usageDetails, whose keys split a call's tokens by price: Langfuse takes
-- OpenAI's prompt_tokens_details out of `input` (input_cached_tokens, input_audio_tokens) and completion details
-- out of `output` (output_reasoning_tokens), and Anthropic's cache reads and writes are apart from `input` too
-- (cache_read_input_tokens, cache_creation_input_tokens). So `kind` 'input' is the sum of `input` and every input_*
-- and cache_* key (all the input a call read, as Assay counts it), 'output' of `output` and output_*, 'cached' of
-- the cache-read keys. NULL when no key of the kind is there (an empty {}), as text.
CREATE OR REPLACE MACRO langfuse_usage_tokens(details, kind) AS
  CAST(list_sum(list_transform(
    list_filter(json_keys(CASE WHEN json_type(CASE WHEN json_valid(details) THEN details END) = 'OBJECT' THEN details END), k ->
      CASE kind
        WHEN 'input' THEN k = 'input' OR starts_with(k, 'input_') OR starts_with(k, 'cache_')
        WHEN 'output' THEN k = 'output' OR starts_with(k, 'output_')
        WHEN 'cached' THEN (starts_with(k, 'input_cache') OR starts_with(k, 'cache_read')) AND NOT contains(k, 'creat') AND NOT contains(k, 'write')
      END),
    k -> TRY_CAST(json_extract_string(details, '$."' || k || '"') AS DOUBLE))) AS VARCHAR);

-- Anthropic's usage.input_tokens counts only the input after the last cache breakpoint: tokens read from the
-- cache (cache_read_input_tokens) and written to it (cache_creation_input_tokens) are counted apart. Assay's
-- input_tokens counts all input, cached included, so it is the sum (as text). An input count that is not a
-- number is passed on as it is, so the record is quarantined as ill_typed, not as missing.
CREATE OR REPLACE MACRO anthropic_input_tokens(input, cache_read, cache_creation) AS
  CASE WHEN TRY_CAST(input AS DOUBLE) IS NULL THEN input
       ELSE CAST(TRY_CAST(input AS DOUBLE) + coalesce(TRY_CAST(cache_read AS DOUBLE), 0) + coalesce(TRY_CAST(cache_creation AS DOUBLE), 0) AS VARCHAR)
  END;

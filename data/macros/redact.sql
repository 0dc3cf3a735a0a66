-- PII redaction, applied in SQL to input/output text before it is stored (see docs/ingest.md).
-- Each detector replaces what it finds with a typed placeholder; redact_pii applies all four in a safe
-- order (emails first: they may hold digits; IBANs before cards: an IBAN's digits can look like a card).
-- Cards and IBANs are checksum-verified, so an order number or reference that merely looks long stays.

CREATE OR REPLACE MACRO redact_email(t) AS
  CASE WHEN contains(t, '@')
    THEN regexp_replace(t, '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', '[EMAIL]', 'g')
    ELSE t END;

-- Phones: an international number (+ and country code, 8-15 digits with spaces, dots, dashes or
-- brackets) or a national number written with separators ((415) 555-0132, 415-555-0132, 030 1234 5678).
-- A bare run of digits (order 200123, ticket #50012) is not a phone.
CREATE OR REPLACE MACRO redact_phone(t) AS
  CASE WHEN regexp_matches(t, '\+\d|\d[ .-]\d|\(\d')
    THEN regexp_replace(
           regexp_replace(t, '(^|[^\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}\d', '\1[PHONE]', 'g'),
           '(^|[^\w+.-])(?:\(\d{2,4}\) ?\d{3,4}[ .-]\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4}|0\d{2,4} \d{3,4} \d{3,4})($|[^\w.-])', '\1[PHONE]\2', 'g')
    ELSE t END;

-- Luhn check on the digits of a candidate (separators ignored). Written without subqueries so it can
-- run inside the list lambdas below.
CREATE OR REPLACE MACRO luhn_sum_ok(s) AS
  list_sum(list_transform(range(length(s)), i ->
    CASE WHEN i % 2 = 0 THEN CAST(s[i + 1] AS INTEGER)
         ELSE (CAST(s[i + 1] AS INTEGER) * 2) // 10 + (CAST(s[i + 1] AS INTEGER) * 2) % 10 END)) % 10 = 0;

CREATE OR REPLACE MACRO luhn_valid(candidate) AS
  length(regexp_replace(candidate, '[^0-9]', '', 'g')) BETWEEN 13 AND 19
  AND luhn_sum_ok(reverse(regexp_replace(candidate, '[^0-9]', '', 'g')));

-- Cards: 13-19 digits, optionally grouped by spaces or dashes, that pass the Luhn check.
CREATE OR REPLACE MACRO redact_card(t) AS
  CASE WHEN regexp_matches(t, '\d{4}[ -]?\d{4}[ -]?\d{4}')
    THEN list_reduce(
           list_prepend(t, list_filter(regexp_extract_all(t, '(?:^|\b)\d(?:[ -]?\d){12,18}\b'), c -> luhn_valid(c))),
           (acc, c) -> replace(acc, c, '[CARD]'))
    ELSE t END;

-- IBAN check (ISO 13616): move the first four characters to the end, letters to 10..35, mod 97 = 1.
CREATE OR REPLACE MACRO iban_mod97(s) AS
  list_reduce(
    list_prepend(0, list_transform(string_split(s, ''), ch ->
      CASE WHEN ch BETWEEN '0' AND '9' THEN CAST(ch AS INTEGER) ELSE ascii(ch) - 55 END)),
    (acc, v) -> CASE WHEN v >= 10 THEN (acc * 100 + v) % 97 ELSE (acc * 10 + v) % 97 END);

CREATE OR REPLACE MACRO iban_valid(candidate) AS
  length(replace(candidate, ' ', '')) BETWEEN 15 AND 34
  AND iban_mod97(substr(replace(candidate, ' ', ''), 5) || substr(replace(candidate, ' ', ''), 1, 4)) = 1;

CREATE OR REPLACE MACRO redact_iban(t) AS
  CASE WHEN regexp_matches(t, '\b[A-Z]{2}\d{2} ?[A-Z0-9]{4}')
    THEN list_reduce(
           list_prepend(t, list_filter(regexp_extract_all(t, '\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b'), c -> iban_valid(c))),
           (acc, c) -> replace(acc, c, '[IBAN]'))
    ELSE t END;

CREATE OR REPLACE MACRO redact_pii(t) AS redact_phone(redact_card(redact_iban(redact_email(t))));

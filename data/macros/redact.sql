-- PII redaction, applied in SQL to input/output text before it is stored (see docs/ingest.md).
-- Each detector replaces what it finds with a typed placeholder; redact_pii applies all four in a safe
-- order (emails first: they may hold digits; IBANs before cards: an IBAN's digits can look like a card).
-- Cards and IBANs are checksum-verified and phones digit-counted, so an order number, a ticket number or
-- a date that merely looks long stays.

-- Whether a text can hold any of the four: an '@', or seven digits close together. Most texts have
-- neither, and this one cheap test spares them the detectors' regexes.
CREATE OR REPLACE MACRO pii_suspect(t) AS
  contains(t, '@') OR regexp_matches(t, '\d(?:[ ().-]{0,2}\d){6}');

-- What may come right before a match: the start, any character a match cannot start or go on with, or a JSON
-- escape (\n, \t, \", \u0007, …). A quarantined record's raw text is JSON, where a line break inside a string is
-- the two characters \n: without the escape, the 'n' read as a word character before the match, so nothing at the
-- start of a line of a multi-line prompt was found (and an email took the 'n' along, breaking the escape).
-- The escape comes first among the alternatives: RE2 takes the first that matches, and '\' alone is also "any".

CREATE OR REPLACE MACRO redact_email(t) AS
  CASE WHEN contains(t, '@')
    THEN regexp_replace(t, '(^|\\u[0-9A-Fa-f]{4}|\\[nrtbf"/\\]|[^A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', '\1[EMAIL]', 'g')
    ELSE t END;

-- Replaces every candidate that passes the check, longest first (so a candidate inside another cannot
-- break it up). Written without subqueries so it can run inside list lambdas.
CREATE OR REPLACE MACRO redact_candidates(t, candidates, placeholder) AS
  list_reduce(list_prepend(t, list_transform(list_sort(list_transform(list_distinct(candidates), c -> {'len': -length(c), 'c': c})), x -> x.c)),
              (acc, c) -> replace(acc, c, placeholder));

-- The same, for a list of found candidates already computed (a column: each argument is used more than once):
-- none or one, the common cases, without the list functions' cost per row (half of a detector's time).
CREATE OR REPLACE MACRO redact_found(t, found, placeholder) AS
  CASE WHEN found IS NULL OR len(found) = 0 THEN t
       WHEN len(found) = 1 THEN replace(t, found[1], placeholder)
       ELSE redact_candidates(t, found, placeholder) END;

-- translate() drops the digits; a regexp_replace of every non-digit made each character a match (3x slower here).
CREATE OR REPLACE MACRO digit_count(s) AS length(s) - length(translate(s, '0123456789', ''));

-- Phones, in the shapes people write them: international (+ or 00 and a country code, 8-15 digits in all,
-- grouped by spaces, dots, dashes or a bracketed area code), North American ((415) 555-0132, 415-555-0132,
-- 415.555.0132, 415 555 0132) and European national numbers with a leading 0 (030 1234 5678, 07700 900123,
-- 06 12 34 56 78, (020) 7946 0958; 9-12 digits). A bare run of digits (order 200123) or a date (03-11-2026) is not a phone.
-- The character before a candidate must not be a word character, '+', '.' or '-' (not part of ORD-2026-…).
CREATE OR REPLACE MACRO phone_candidates(t) AS
  list_filter(
    regexp_extract_all(t, '(?:^|\\u[0-9A-Fa-f]{4}|\\[nrtbf"/\\]|[^\w+.-])((?:\+|00)\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,4})){2,6}|\(\d{2,5}\) ?\d{3,4}[ .-]\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4}|\d{3} \d{3} \d{4}|0\d{1,4}(?:[ .-]\d{2,8}){1,4})\b', 1),
    c -> CASE WHEN starts_with(c, '+') OR starts_with(c, '00') THEN digit_count(c) BETWEEN 8 + 2 * starts_with(c, '00')::INT AND 15 + 2 * starts_with(c, '00')::INT
              WHEN starts_with(c, '0') THEN digit_count(c) BETWEEN 9 AND 12
              ELSE true END);

-- Whether a text can hold a phone number at all (a cheap test before phone_candidates).
CREATE OR REPLACE MACRO phone_suspect(t) AS regexp_matches(t, '\d[ .-]\d|\+\d|\(\d');

CREATE OR REPLACE MACRO redact_phone(t) AS
  CASE WHEN phone_suspect(t) THEN redact_candidates(t, phone_candidates(t), '[PHONE]') ELSE t END;

-- Luhn check on the reversed digits of a candidate: every second digit doubled (its digit sum, by table:
-- 0 2 4 6 8 1 3 5 7 9), the total a multiple of 10. An indexed lambda over the characters: ~10x faster
-- than indexing the string by position.
CREATE OR REPLACE MACRO luhn_sum_ok(s) AS
  list_sum(list_transform(string_split(s, ''), (ch, i) ->
    CASE WHEN i % 2 = 1 THEN ascii(ch) - 48 ELSE [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][ascii(ch) - 47] END)) % 10 = 0;

-- A candidate (card_candidates) holds only digits, spaces and dashes.
CREATE OR REPLACE MACRO luhn_valid(candidate) AS
  length(translate(candidate, ' -', '')) BETWEEN 13 AND 19
  AND luhn_sum_ok(reverse(translate(candidate, ' -', '')));

-- Cards: 13-19 digits as card numbers are written (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4, or
-- unbroken), starting 2-6 as every major scheme's numbers do, and passing the Luhn check. Both the
-- 16- and the 19-digit reading of a grouped number are tried, so a card followed by more digits is found;
-- digits right after a '+' are a phone number, not a card.
CREATE OR REPLACE MACRO card_candidates(t) AS
  list_filter(list_concat(
    regexp_extract_all(t, '(?:^|\\u[0-9A-Fa-f]{4}|\\[nrtbf"/\\]|[^\w+])([2-6]\d{3}(?:[ -]?\d{4}){3}|[2-6]\d{3}[ -]\d{6}[ -]\d{4,5}|[2-6]\d{12,18})\b', 1),
    regexp_extract_all(t, '(?:^|\\u[0-9A-Fa-f]{4}|\\[nrtbf"/\\]|[^\w+])([2-6]\d{3}(?:[ -]?\d{4}){3}[ -]?\d{3})\b', 1)), c -> luhn_valid(c));

-- Whether a text can hold a card number at all: 13 digits, maybe grouped.
CREATE OR REPLACE MACRO card_suspect(t) AS regexp_matches(t, '\d(?:[ -]?\d){12}');

CREATE OR REPLACE MACRO redact_card(t) AS
  CASE WHEN card_suspect(t) THEN redact_candidates(t, card_candidates(t), '[CARD]') ELSE t END;

-- IBAN check (ISO 13616): move the first four characters to the end, letters to 10..35, mod 97 = 1.
CREATE OR REPLACE MACRO iban_mod97(s) AS
  list_reduce(
    list_prepend(0, list_transform(string_split(s, ''), ch ->
      CASE WHEN ch BETWEEN '0' AND '9' THEN CAST(ch AS INTEGER) ELSE ascii(ch) - 55 END)),
    (acc, v) -> CASE WHEN v >= 10 THEN (acc * 100 + v) % 97 ELSE (acc * 10 + v) % 97 END);

CREATE OR REPLACE MACRO iban_valid(candidate) AS
  length(replace(candidate, ' ', '')) BETWEEN 15 AND 34
  AND iban_mod97(substr(replace(candidate, ' ', ''), 5) || substr(replace(candidate, ' ', ''), 1, 4)) = 1;

-- IBANs: country code, check digits, then groups of four (or not), passing the mod-97 check.
CREATE OR REPLACE MACRO iban_candidates(t) AS
  list_filter(regexp_extract_all(t, '(?:^|\\u[0-9A-Fa-f]{4}|\\[nrtbf"/\\]|[^A-Za-z0-9_])([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b', 1), c -> iban_valid(c));

-- Whether a text can hold an IBAN at all: two capitals, two digits, four more.
CREATE OR REPLACE MACRO iban_suspect(t) AS regexp_matches(t, '[A-Z]{2}\d{2} ?[A-Z0-9]{4}');

CREATE OR REPLACE MACRO redact_iban(t) AS
  CASE WHEN iban_suspect(t) THEN redact_candidates(t, iban_candidates(t), '[IBAN]') ELSE t END;

CREATE OR REPLACE MACRO redact_pii(t) AS
  CASE WHEN pii_suspect(t) THEN redact_phone(redact_card(redact_iban(redact_email(t)))) ELSE t END;

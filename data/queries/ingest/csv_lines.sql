-- Where each CSV record of $file starts (the header is line $header_line, 2 below a sep= line): ingest_csv_lines holds the line of the k-th parsed
-- record (ingest_csv_rows.k) and, with k NULL, each rejected record's line and text. DuckDB numbers records,
-- not lines, so the lines are read again as text, and a line starts a record when the line before it ends outside quotes.
-- Quoting follows DuckDB's reader: a '"' opens a quoted field only at the field's start (or after one space),
-- '""' inside one is a quote, and a '"' anywhere else is text (5" tall); $open_quote (csv.ts) matches a line
-- that, read from a field start, ends inside a quoted field. A line from inside quotes reads like '"' || line.
-- So each line either sets the state (it ends outside, or inside, whatever came before), keeps it, or flips
-- it; the state before a line is the last setter's value flipped by the flips since. The parser's "line" in
-- ingest_csv_rejects is the index of a record start, blank lines included. Blank and whitespace-only lines
-- are skipped, as in JSONL.
CREATE OR REPLACE TEMP TABLE ingest_csv_lines AS
WITH lines AS (
  SELECT row_number() OVER () AS n, raw FROM ingest_read_lines($file)
),
effect AS (
  SELECT n, raw,
         CASE WHEN contains(raw, '"') THEN regexp_full_match(raw, $open_quote) ELSE false END AS from_outside,
         CASE WHEN contains(raw, '"') THEN regexp_full_match('"' || raw, $open_quote) ELSE true END AS from_inside
  FROM lines
),
running AS (
  SELECT n, raw, from_outside = from_inside AS sets, from_outside AS set_to,
         sum(CAST(from_outside AND NOT from_inside AS INTEGER)) OVER (ORDER BY n ROWS UNBOUNDED PRECEDING) AS flips
  FROM effect
),
state AS (
  SELECT n, raw,
         coalesce(arg_max(set_to, n) FILTER (WHERE sets) OVER before, false) AS set_inside,
         coalesce(lag(flips) OVER (ORDER BY n), 0) - coalesce(arg_max(flips, n) FILTER (WHERE sets) OVER before, 0) AS flips_since
  FROM running
  WINDOW before AS (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
starts AS (
  SELECT n, raw, row_number() OVER (ORDER BY n) AS start_no, raw IS NULL OR trim(raw) = '' AS blank
  FROM state
  WHERE set_inside = (flips_since % 2 = 1)
),
-- A rejected record's raw text is every line up to the next record's start (for an unterminated quote, all
-- it swallowed: the parser's own csv_line can leave those out), so no record vanishes without its text.
rejected_starts AS (
  SELECT DISTINCT s.start_no, s.n, s.next_n FROM ingest_csv_rejects e
  JOIN (SELECT *, lead(n) OVER (ORDER BY n) AS next_n FROM starts) s ON s.start_no = e.line
  WHERE NOT s.blank
),
rejected AS (
  SELECT r.start_no, r.n, rtrim(string_agg(coalesce(l.raw, ''), chr(10) ORDER BY l.n), chr(10)) AS raw
  FROM rejected_starts r JOIN lines l ON l.n >= r.n AND (r.next_n IS NULL OR l.n < r.next_n)
  GROUP BY r.start_no, r.n
),
record_lines AS (
  SELECT n, row_number() OVER (ORDER BY n) AS k
  FROM starts
  WHERE start_no > $header_line AND NOT blank AND start_no NOT IN (SELECT start_no FROM rejected)
)
SELECT n AS source_line, k, CAST(NULL AS VARCHAR) AS raw FROM record_lines
UNION ALL
SELECT n, NULL, raw FROM rejected

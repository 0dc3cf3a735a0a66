-- Kept rows whose id was already stored or comes more than once in the run (ingest_candidates, with the
-- stored copies in ingest_stored: candidates.sql), with what happens to each: insert (the first copy of an
-- id new to the warehouse), duplicate (same values as the stored copy, or the run's first) or conflict
-- (other values: the stored or first copy is kept; `fields` names what differs). Values are compared as
-- stored, after redaction. Every other kept row is a plain insert.
CREATE OR REPLACE TEMP TABLE ingest_route AS
WITH candidate_rows AS (
  SELECT * FROM ingest_kept WHERE seq IN (SELECT seq FROM ingest_candidates)
),
-- Redacted after the filter, so that only the candidates' text goes through the detectors.
candidates AS MATERIALIZED (
  SELECT k.*,
         row_number() OVER w AS occurrence,
         first_value(k.seq) OVER w AS first_seq
  FROM /*redacted*/ candidate_rows k
  WINDOW w AS (PARTITION BY k.id ORDER BY k.file_idx, k.source_line, k.seq)
),
compared AS (
  SELECT r.seq AS rid, r.id, r.occurrence, s.id IS NULL AS new_id,
         list_filter([/*differences*/], x -> x IS NOT NULL) AS fields
  FROM candidates r
  LEFT JOIN ingest_stored s ON s.id = r.id
  LEFT JOIN candidates f ON f.seq = r.first_seq
)
SELECT rid, id,
       CASE WHEN new_id AND occurrence = 1 THEN 'insert' WHEN len(fields) = 0 THEN 'duplicate' ELSE 'conflict' END AS decision,
       CASE WHEN len(fields) > 0 THEN fields END AS fields
FROM compared

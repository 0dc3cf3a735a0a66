-- The kept rows of the run that need a decision (route.sql): those whose id comes more than once in the run
-- or is already stored, and the stored copies. Found through hash(id), far cheaper to group and join on than
-- the text, holding only the hashes of the run's rows; a collision only adds a candidate (or a stored row),
-- which route.sql's comparisons on the id itself then sort out. Tables of their own, not CTEs of route.sql:
-- with their real (small) sizes known, route.sql's join builds its hash table on them; planned from
-- estimates, it built it on the whole staged batch, text and all, which pushed the batch out of memory
-- to disk (a quarter of a 1M-record ingest's time, reading it back for the records insert).
CREATE OR REPLACE TEMP TABLE ingest_kept_hashes AS
SELECT seq, hash(id) AS h FROM ingest_kept WHERE p IS NOT NULL;

-- ingest_history (route.ts): whether any record is stored. Into an empty warehouse (a first load) the lookup
-- is left out, rather than building a hash table of every kept row for nothing.
CREATE OR REPLACE TEMP TABLE ingest_stored_ids AS
SELECT id FROM records WHERE getvariable('ingest_history') AND hash(id) IN (SELECT h FROM ingest_kept_hashes);

CREATE OR REPLACE TEMP TABLE ingest_stored AS
SELECT * FROM records WHERE id IN (SELECT id FROM ingest_stored_ids);

CREATE OR REPLACE TEMP TABLE ingest_candidates AS
SELECT seq FROM ingest_kept_hashes
WHERE h IN (SELECT h FROM ingest_kept_hashes GROUP BY h HAVING count(*) > 1) OR h IN (SELECT hash(id) FROM ingest_stored);

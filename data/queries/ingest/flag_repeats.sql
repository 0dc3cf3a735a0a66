-- Flags the later copies of ids (duplicates and conflicts) on their staged rows, so records_insert.sql
-- can skip them with a plain filter.
UPDATE ingest_batch SET repeated = true WHERE rowid IN (SELECT rid FROM ingest_route WHERE decision <> 'insert')

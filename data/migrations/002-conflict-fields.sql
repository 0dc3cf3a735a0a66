-- Re-delivered records are now compared value by value with the stored (or first) copy, so a conflict
-- names the fields that differ, and no row needs a content hash (hashing every row cost a fifth of the
-- ingest).
ALTER TABLE ingest_conflicts ADD COLUMN fields VARCHAR[];
ALTER TABLE ingest_conflicts DROP COLUMN stored_hash;
ALTER TABLE ingest_conflicts DROP COLUMN new_hash;
ALTER TABLE records DROP COLUMN content_hash;

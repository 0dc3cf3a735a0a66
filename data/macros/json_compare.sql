-- A JSON document as a sorted list of its nodes (path, type, value of a scalar), so that two documents with their
-- object keys in another order (a re-delivered record's metadata written by another serializer) give the same
-- list, while another value, type (1 and "1"), key or array order does not. A key holding null is no key: Parquet
-- and CSV writers give a column of objects every key any of them has, so the copy from a Parquet file holds
-- "channel": null where the JSON Lines one has no channel. (An array's null elements keep their places.) NULL for NULL.
CREATE OR REPLACE MACRO json_canonical(j) AS
  (SELECT list(fullkey || ' ' || type || ' ' || coalesce(CAST(atom AS VARCHAR), '') ORDER BY fullkey) FROM json_tree(j)
   WHERE type <> 'NULL' OR ends_with(fullkey, ']'));

-- Whether two JSON texts hold the same document, keys in any order (json_canonical); the plain text test first.
CREATE OR REPLACE MACRO json_same(a, b) AS
  coalesce(json(a) = json(b) OR json_canonical(a) = json_canonical(b), false);

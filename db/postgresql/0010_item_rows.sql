-- PostgreSQL version of db/sqlite/0010_item_rows.sql: the same columns.

-- A result's scoring items stored as the run scored them: the scoring set's version (id@hash) and a JSON array of
-- points, one per scored item in the set's order (null where the item does not apply). The labels, maxima and flags
-- of the items are the version's and are put back from it when the result is read, so details no longer repeat them
-- (about a fifth of the size). NULL on results stored before these columns existed, whose details list their items.

ALTER TABLE assessment_results ADD COLUMN item_set TEXT;
ALTER TABLE assessment_results ADD COLUMN item_points TEXT;

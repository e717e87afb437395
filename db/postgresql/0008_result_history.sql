-- PostgreSQL version of db/sqlite/0008_result_history.sql: the same tables and columns (BIGINT for SQLite's INTEGER, BOOLEAN for its 0/1
-- flags, TIMESTAMP for its times, BYTEA for its blobs).

-- What later years' rules read of a result (its penalty actions and the demonstration programmes it qualified for),
-- kept beside the full details so that an assessment reads a few short columns of every earlier year instead of
-- parsing every earlier result whole. Comma-separated ids; NULL on results stored before this column existed, which
-- are read from details instead.

ALTER TABLE assessment_results ADD COLUMN penalty_actions TEXT;
ALTER TABLE assessment_results ADD COLUMN titles TEXT;

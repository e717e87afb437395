-- PostgreSQL version of db/sqlite/0007_security_stamp.sql: the same tables and columns (BIGINT for SQLite's INTEGER, BOOLEAN for its 0/1
-- flags, TIMESTAMP for its times, BYTEA for its blobs).

-- A value that changes when a user signs out or changes password: a sign-in cookie issued before no longer works.

ALTER TABLE users ADD COLUMN security_stamp TEXT;

-- PostgreSQL version of db/sqlite/0005_accounts.sql: the same tables and columns (BIGINT for SQLite's INTEGER, BOOLEAN for its 0/1
-- flags, TIMESTAMP for its times, BYTEA for its blobs).

-- Sign-in for the web application: a hashed password per user, and a lockout after repeated failures.

ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN failed_logins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TIMESTAMP;

-- PostgreSQL version of db/sqlite/0009_run_parts.sql.

CREATE TABLE run_parts (
    run_key    TEXT      NOT NULL,
    phase      BIGINT    NOT NULL,
    part       TEXT      NOT NULL,
    payload    TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (run_key, phase, part)
);

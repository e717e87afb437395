-- Same table as db/sqlite/0009_run_parts.sql.

CREATE TABLE run_parts (
    run_key    NVARCHAR(100) NOT NULL,
    phase      INT           NOT NULL,
    part       NVARCHAR(64)  NOT NULL,
    payload    NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2     NOT NULL,
    PRIMARY KEY (run_key, phase, part)
);

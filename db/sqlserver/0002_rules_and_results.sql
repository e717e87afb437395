-- Rule sets, checklists and assessment results; same tables as db/sqlite/0002_rules_and_results.sql.

CREATE TABLE rule_set_versions (
    rule_set_id  NVARCHAR(100)  NOT NULL,
    content_hash NVARCHAR(64)   NOT NULL,
    seq          INT            NOT NULL,
    version      NVARCHAR(50)   NOT NULL,
    kind         NVARCHAR(32)   NOT NULL,
    level        NVARCHAR(16)   NOT NULL,
    first_year   INT            NOT NULL,
    title        NVARCHAR(400)  NOT NULL,
    document     NVARCHAR(MAX)  NOT NULL,
    source_file  NVARCHAR(400)  NOT NULL,
    published_at DATETIME2      NOT NULL,
    PRIMARY KEY (rule_set_id, content_hash)
);

CREATE TABLE checklist (
    code           NVARCHAR(64)   NOT NULL REFERENCES institutions (code),
    year           INT            NOT NULL,
    item           NVARCHAR(100)  NOT NULL,
    points         FLOAT          NOT NULL CHECK (points >= 0),
    not_applicable BIT            NOT NULL DEFAULT 0,
    evidence       NVARCHAR(1000) NULL,
    import_id      BIGINT         NULL REFERENCES imports (id),
    PRIMARY KEY (code, year, item)
);

CREATE TABLE assessment_runs (
    id            BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    year          INT            NOT NULL,
    rule_sets     NVARCHAR(MAX)  NOT NULL,
    factor_tables NVARCHAR(MAX)  NOT NULL,
    institutions  INT            NOT NULL,
    counties      INT            NOT NULL,
    started_at    DATETIME2      NOT NULL,
    finished_at   DATETIME2      NOT NULL,
    note          NVARCHAR(1000) NULL
);

CREATE INDEX ix_assessment_runs_year ON assessment_runs (year, id);

CREATE TABLE assessment_results (
    run_id           BIGINT        NOT NULL REFERENCES assessment_runs (id),
    level            NVARCHAR(16)  NOT NULL CHECK (level IN ('institution', 'county')),
    code             NVARCHAR(64)  NOT NULL,
    score            FLOAT         NOT NULL,
    max_score        FLOAT         NOT NULL,
    grade            NVARCHAR(32)  NOT NULL,
    vetoed           BIT           NOT NULL,
    rank             INT           NOT NULL,
    rank_in_category INT           NOT NULL,
    rank_in_county   INT           NOT NULL,
    details          NVARCHAR(MAX) NOT NULL,
    PRIMARY KEY (run_id, level, code)
);

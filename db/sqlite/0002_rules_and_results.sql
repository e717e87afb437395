-- Rule sets, checklists and assessment results.

-- Every published version of every rule set, immutable; the one in force for a year is the latest published
-- version (highest seq) among those whose first_year is not after it.
CREATE TABLE rule_set_versions (
    rule_set_id  TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    version      TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    level        TEXT    NOT NULL,
    first_year   INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    document     TEXT    NOT NULL,
    source_file  TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    PRIMARY KEY (rule_set_id, content_hash)
);

-- The reviewed self-assessment checklist: points per item, or not applicable, with the evidence named.
CREATE TABLE checklist (
    code           TEXT    NOT NULL REFERENCES institutions (code),
    year           INTEGER NOT NULL,
    item           TEXT    NOT NULL,
    points         REAL    NOT NULL CHECK (points >= 0),
    not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    evidence       TEXT,
    import_id      INTEGER REFERENCES imports (id),
    PRIMARY KEY (code, year, item)
);

-- One assessment of a year: the exact rule-set and factor-table versions it used.
CREATE TABLE assessment_runs (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    year          INTEGER NOT NULL,
    rule_sets     TEXT    NOT NULL,
    factor_tables TEXT    NOT NULL,
    institutions  INTEGER NOT NULL,
    counties      INTEGER NOT NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT    NOT NULL,
    note          TEXT
);

CREATE INDEX ix_assessment_runs_year ON assessment_runs (year, id);

-- What each run gave each institution and county; the latest run of a year is its current result.
CREATE TABLE assessment_results (
    run_id           INTEGER NOT NULL REFERENCES assessment_runs (id),
    level            TEXT    NOT NULL CHECK (level IN ('institution', 'county')),
    code             TEXT    NOT NULL,
    score            REAL    NOT NULL,
    max_score        REAL    NOT NULL,
    grade            TEXT    NOT NULL,
    vetoed           INTEGER NOT NULL CHECK (vetoed IN (0, 1)),
    rank             INTEGER NOT NULL,
    rank_in_category INTEGER NOT NULL,
    rank_in_county   INTEGER NOT NULL,
    details          TEXT    NOT NULL,
    PRIMARY KEY (run_id, level, code)
);

-- Evidence files an institution attaches to the items of its self-assessment checklist. Kept, never replaced: a new
-- upload is a new row.

CREATE TABLE evidence_files (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    code         TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    item         TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    uploaded_at  TEXT    NOT NULL
);

CREATE INDEX ix_evidence_files_subject ON evidence_files (code, year, item);

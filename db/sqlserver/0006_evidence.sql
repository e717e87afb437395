-- Same table as db/sqlite/0006_evidence.sql.

CREATE TABLE evidence_files (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    code         NVARCHAR(32)   NOT NULL,
    year         INT            NOT NULL,
    item         NVARCHAR(64)   NOT NULL,
    file_name    NVARCHAR(260)  NOT NULL,
    content_type NVARCHAR(100)  NOT NULL,
    size_bytes   BIGINT         NOT NULL,
    sha256       CHAR(64)       NOT NULL,
    content      VARBINARY(MAX) NOT NULL,
    uploaded_by  NVARCHAR(100)  NOT NULL,
    uploaded_at  DATETIME2      NOT NULL
);

CREATE INDEX ix_evidence_files_subject ON evidence_files (code, year, item);

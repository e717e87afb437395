-- Same tables as db/sqlite/0003_workflows_and_jobs.sql.

CREATE TABLE users (
    username     NVARCHAR(100) NOT NULL PRIMARY KEY,
    display_name NVARCHAR(200) NOT NULL,
    role         NVARCHAR(16)  NOT NULL CHECK (role IN ('bureau', 'county', 'institution', 'leader', 'system')),
    scope        NVARCHAR(64)  NULL,
    created_at   DATETIME2     NOT NULL
);

CREATE TABLE workflow_definitions (
    definition_id NVARCHAR(100) NOT NULL,
    content_hash  NVARCHAR(64)  NOT NULL,
    version       INT           NOT NULL,
    subject       NVARCHAR(16)  NOT NULL CHECK (subject IN ('institution', 'county')),
    document      NVARCHAR(MAX) NOT NULL,
    published_at  DATETIME2     NOT NULL,
    PRIMARY KEY (definition_id, content_hash)
);

CREATE TABLE workflow_instances (
    id            BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    definition_id NVARCHAR(100) NOT NULL,
    content_hash  NVARCHAR(64)  NOT NULL,
    year          INT           NOT NULL,
    subject       NVARCHAR(16)  NOT NULL,
    subject_code  NVARCHAR(64)  NOT NULL,
    state         NVARCHAR(64)  NOT NULL,
    row_version   INT           NOT NULL,
    created_at    DATETIME2     NOT NULL,
    updated_at    DATETIME2     NOT NULL,
    CONSTRAINT uq_workflow_instances UNIQUE (definition_id, year, subject_code),
    CONSTRAINT fk_workflow_instances_definition FOREIGN KEY (definition_id, content_hash) REFERENCES workflow_definitions (definition_id, content_hash)
);

CREATE INDEX ix_workflow_instances_state ON workflow_instances (year, state);

CREATE TABLE workflow_transitions (
    id          BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    instance_id BIGINT         NOT NULL REFERENCES workflow_instances (id),
    actor       NVARCHAR(100)  NOT NULL,
    role        NVARCHAR(16)   NOT NULL,
    trigger_id  NVARCHAR(64)   NOT NULL,
    from_state  NVARCHAR(64)   NOT NULL,
    to_state    NVARCHAR(64)   NOT NULL,
    comment     NVARCHAR(2000) NULL,
    at          DATETIME2      NOT NULL
);

CREATE INDEX ix_workflow_transitions_instance ON workflow_transitions (instance_id, id);

CREATE TABLE job_runs (
    kind        NVARCHAR(64)   NOT NULL,
    scope       NVARCHAR(64)   NOT NULL,
    period      NVARCHAR(32)   NOT NULL,
    status      NVARCHAR(16)   NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    attempts    INT            NOT NULL,
    started_at  DATETIME2      NOT NULL,
    finished_at DATETIME2      NULL,
    result      NVARCHAR(MAX)  NULL,
    error       NVARCHAR(MAX)  NULL,
    PRIMARY KEY (kind, scope, period)
);

CREATE TABLE job_schedules (
    job_id     NVARCHAR(64)  NOT NULL PRIMARY KEY,
    cron       NVARCHAR(100) NOT NULL,
    enabled    BIT           NOT NULL,
    updated_at DATETIME2     NOT NULL
);

CREATE TABLE notifications (
    id           BIGINT IDENTITY (1, 1) NOT NULL PRIMARY KEY,
    kind         NVARCHAR(32)   NOT NULL,
    recipient    NVARCHAR(100)  NOT NULL,
    subject_code NVARCHAR(64)   NOT NULL,
    period       NVARCHAR(32)   NOT NULL,
    message      NVARCHAR(2000) NOT NULL,
    created_at   DATETIME2      NOT NULL,
    CONSTRAINT uq_notifications UNIQUE (kind, recipient, subject_code, period)
);

CREATE TABLE publications (
    kind       NVARCHAR(32)  NOT NULL,
    period     NVARCHAR(32)  NOT NULL,
    document   NVARCHAR(MAX) NOT NULL,
    created_at DATETIME2     NOT NULL,
    PRIMARY KEY (kind, period)
);

-- Users and their scope, workflow definitions and instances with every transition, and the records of scheduled jobs.

CREATE TABLE users (
    username     TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('bureau', 'county', 'institution', 'leader', 'system')),
    scope        TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE workflow_definitions (
    definition_id TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    subject       TEXT    NOT NULL CHECK (subject IN ('institution', 'county')),
    document      TEXT    NOT NULL,
    published_at  TEXT    NOT NULL,
    PRIMARY KEY (definition_id, content_hash)
);

-- row_version is the optimistic-concurrency token: a transition updates the row only if it is unchanged.
CREATE TABLE workflow_instances (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    definition_id TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    subject       TEXT    NOT NULL,
    subject_code  TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    row_version   INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (definition_id, year, subject_code),
    FOREIGN KEY (definition_id, content_hash) REFERENCES workflow_definitions (definition_id, content_hash)
);

CREATE INDEX ix_workflow_instances_state ON workflow_instances (year, state);

-- Every transition, appended and never changed.
CREATE TABLE workflow_transitions (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    instance_id INTEGER NOT NULL REFERENCES workflow_instances (id),
    actor       TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    trigger_id  TEXT    NOT NULL,
    from_state  TEXT    NOT NULL,
    to_state    TEXT    NOT NULL,
    comment     TEXT,
    at          TEXT    NOT NULL
);

CREATE INDEX ix_workflow_transitions_instance ON workflow_transitions (instance_id, id);

-- One row per piece of scheduled work, keyed by what it is for: a retried or repeated job finds it and does nothing.
CREATE TABLE job_runs (
    kind        TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    attempts    INTEGER NOT NULL,
    started_at  TEXT    NOT NULL,
    finished_at TEXT,
    result      TEXT,
    error       TEXT,
    PRIMARY KEY (kind, scope, period)
);

CREATE TABLE job_schedules (
    job_id     TEXT    NOT NULL PRIMARY KEY,
    cron       TEXT    NOT NULL,
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at TEXT    NOT NULL
);

-- Reminders and escalations, one per recipient, subject and period.
CREATE TABLE notifications (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    recipient    TEXT    NOT NULL,
    subject_code TEXT    NOT NULL,
    period       TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    UNIQUE (kind, recipient, subject_code, period)
);

CREATE TABLE publications (
    kind       TEXT NOT NULL,
    period     TEXT NOT NULL,
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, period)
);

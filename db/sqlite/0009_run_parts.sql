-- The pieces of an assessment run split into jobs (assessment assess --jobs): part 'run' of phase 0 says what the run is
-- (year, rule-set versions, counties); then each county's scores (phases 1 and 2) or final results (phase 3), and each
-- ranking (part 'ranking' of phases 1 and 2). Each piece is written once; the run itself goes to assessment_runs,
-- stored by the final job.

CREATE TABLE run_parts (
    run_key    TEXT    NOT NULL,
    phase      INTEGER NOT NULL,
    part       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (run_key, phase, part)
);

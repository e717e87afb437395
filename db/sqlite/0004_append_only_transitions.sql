-- A workflow transition is a record of what someone did: the database refuses to change or delete one.

CREATE TRIGGER workflow_transitions_no_update BEFORE UPDATE ON workflow_transitions
BEGIN
    SELECT RAISE(ABORT, 'workflow_transitions is append-only: a recorded transition is never changed');
END;

CREATE TRIGGER workflow_transitions_no_delete BEFORE DELETE ON workflow_transitions
BEGIN
    SELECT RAISE(ABORT, 'workflow_transitions is append-only: a recorded transition is never deleted');
END;

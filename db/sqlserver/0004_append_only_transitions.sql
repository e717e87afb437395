-- Same rule as db/sqlite/0004_append_only_transitions.sql: the database refuses to change or delete a transition.
-- (Emptying a whole database for a fresh demo uses TRUNCATE TABLE, which is not a row change.)

CREATE TRIGGER workflow_transitions_append_only ON workflow_transitions INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50001, N'workflow_transitions is append-only: a recorded transition is never changed or deleted', 1;
END;

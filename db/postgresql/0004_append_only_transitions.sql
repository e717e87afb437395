-- PostgreSQL version of db/sqlite/0004_append_only_transitions.sql: a workflow transition is a record of what someone
-- did, and the database refuses to change or delete one. (TRUNCATE, which a fresh demo uses, fires no row trigger.)

CREATE FUNCTION workflow_transitions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'workflow_transitions is append-only: a recorded transition is never %', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
END;
$$;

CREATE TRIGGER workflow_transitions_no_update BEFORE UPDATE ON workflow_transitions
    FOR EACH ROW EXECUTE FUNCTION workflow_transitions_append_only();

CREATE TRIGGER workflow_transitions_no_delete BEFORE DELETE ON workflow_transitions
    FOR EACH ROW EXECUTE FUNCTION workflow_transitions_append_only();

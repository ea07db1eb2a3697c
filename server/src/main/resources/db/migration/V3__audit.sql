-- Append-only audit trail (DESIGN §14): one row per change made through the operator API or console, written in
-- the same transaction as the change. PostgreSQL itself refuses to change or remove a row.
CREATE TABLE audit_entry (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 320),
    address text        NOT NULL,
    action  text        NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    target  text        NOT NULL,
    summary text        NOT NULL
);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

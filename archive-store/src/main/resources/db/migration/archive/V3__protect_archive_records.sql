-- Defence in depth for DESIGN invariants 4 and 5, below the application: the stored content of a
-- document version never changes (replace and nullify only set status fields), and audit events
-- are append-only. Whoever can disable these triggers can alter rows; the audit hash chain still
-- exposes any such change (AuditLog.verify).

CREATE FUNCTION archive.refuse_document_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.document_oid IS DISTINCT FROM OLD.document_oid
        OR NEW.set_id IS DISTINCT FROM OLD.set_id
        OR NEW.version_number IS DISTINCT FROM OLD.version_number
        OR NEW.sha256 IS DISTINCT FROM OLD.sha256
        OR NEW.size_bytes IS DISTINCT FROM OLD.size_bytes
        OR NEW.object_key IS DISTINCT FROM OLD.object_key
        OR NEW.metadata IS DISTINCT FROM OLD.metadata
        OR NEW.archived_at IS DISTINCT FROM OLD.archived_at
        OR NEW.archived_by_org IS DISTINCT FROM OLD.archived_by_org
        OR NEW.archived_by_user IS DISTINCT FROM OLD.archived_by_user THEN
        RAISE EXCEPTION 'archived document % is immutable: only its status may change', OLD.document_oid
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'NULLIFIED' AND NEW.status IS DISTINCT FROM 'NULLIFIED' THEN
        RAISE EXCEPTION 'nullified document % stays nullified', OLD.document_oid
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER document_version_immutable_content
    BEFORE UPDATE ON archive.document_version
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_document_content_change();

CREATE FUNCTION archive.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON archive.audit_event
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_audit_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON archive.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_audit_change();

-- Defence in depth below the application for the records of V20 and V21: nothing is deleted or truncated, and the
-- only change a row ever accepts is its one withdrawal (sharing records) or end (agreements) stamp, set once. Every
-- other column compares equal before and after. Whoever can disable these triggers can alter rows; every change the
-- application makes is also in the audit hash chain (AuditLog.verify).

CREATE FUNCTION archive.refuse_sharing_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp text[] := ARRAY['withdrawn_on', 'withdrawn_at', 'withdrawn_by_org', 'withdrawn_by_user',
                          'withdrawn_purpose', 'withdrawal_reason'];
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'sharing records are never deleted (% refused)', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.withdrawn_at IS NOT NULL THEN
        RAISE EXCEPTION 'sharing record % was withdrawn and never changes again', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.withdrawn_at IS NULL OR (to_jsonb(NEW) - stamp) IS DISTINCT FROM (to_jsonb(OLD) - stamp) THEN
        RAISE EXCEPTION 'sharing record % may only be withdrawn', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER sharing_record_append_only
    BEFORE UPDATE OR DELETE ON archive.sharing_record
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_sharing_record_change();

CREATE TRIGGER sharing_record_no_truncate
    BEFORE TRUNCATE ON archive.sharing_record
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_sharing_record_change();

CREATE FUNCTION archive.refuse_agreement_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp text[] := ARRAY['ends_on', 'ended_at', 'ended_by_org', 'ended_by_user', 'ended_purpose', 'end_reason'];
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'register access agreements are never deleted (% refused)', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.ended_at IS NOT NULL THEN
        RAISE EXCEPTION 'register access agreement % was ended and never changes again', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.ended_at IS NULL OR (to_jsonb(NEW) - stamp) IS DISTINCT FROM (to_jsonb(OLD) - stamp) THEN
        RAISE EXCEPTION 'register access agreement % may only be ended', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER register_access_agreement_append_only
    BEFORE UPDATE OR DELETE ON archive.register_access_agreement
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_agreement_change();

CREATE TRIGGER register_access_agreement_no_truncate
    BEFORE TRUNCATE ON archive.register_access_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_agreement_change();

-- Defence in depth below the application for the records of V20 and V21: nothing is deleted or truncated, and the
-- only change a row ever accepts is its one withdrawal (sharing records) or end (agreements) stamp, set once. Every
-- other column compares equal before and after. Whoever can disable these triggers can alter rows; every change the
-- application makes is also in the audit hash chain (AuditLog.verify).
--
-- Trigger arguments: the column that is set when the stamp is, then every column of the stamp.

CREATE FUNCTION archive.refuse_change_but_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marker text := TG_ARGV[0];
    stamp text[] := TG_ARGV[1:];
    old_row jsonb;
    new_row jsonb;
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION '% rows are never deleted (% refused)', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    old_row := to_jsonb(OLD);
    new_row := to_jsonb(NEW);
    IF old_row ->> marker IS NOT NULL THEN
        RAISE EXCEPTION '% % was stamped (%) and never changes again', TG_TABLE_NAME, OLD.id, marker
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF new_row ->> marker IS NULL OR (new_row - stamp) IS DISTINCT FROM (old_row - stamp) THEN
        RAISE EXCEPTION '% % may only gain its stamp (%)', TG_TABLE_NAME, OLD.id, array_to_string(stamp, ', ')
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER sharing_record_append_only
    BEFORE UPDATE OR DELETE ON archive.sharing_record
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_change_but_stamp('withdrawn_at', 'withdrawn_on', 'withdrawn_at',
        'withdrawn_by_org', 'withdrawn_by_user', 'withdrawn_purpose', 'withdrawal_reason');

CREATE TRIGGER sharing_record_no_truncate
    BEFORE TRUNCATE ON archive.sharing_record
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_change_but_stamp('withdrawn_at');

CREATE TRIGGER register_access_agreement_append_only
    BEFORE UPDATE OR DELETE ON archive.register_access_agreement
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_change_but_stamp('ended_at', 'ends_on', 'ended_at', 'ended_by_org',
        'ended_by_user', 'ended_purpose', 'end_reason');

CREATE TRIGGER register_access_agreement_no_truncate
    BEFORE TRUNCATE ON archive.register_access_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_change_but_stamp('ended_at');

-- Abandoning a controller change whose run failed (docs/access.md and docs/workflows.md, "Controller change"): an
-- operator ends it without completing it. Archiving into its scope resumes; the assignments it wrote stay (they are
-- append-only) but never take effect, since the access decision reads only a completed change's assignments, and a
-- change is either completed or abandoned, once.
ALTER TABLE archive.controller_change
    ADD COLUMN abandoned_at      timestamptz,
    ADD COLUMN abandoned_by_user varchar(256),
    ADD COLUMN abandon_reason    text,
    ADD CONSTRAINT controller_change_abandonment_ck CHECK (
        (abandoned_at IS NULL) = (abandoned_by_user IS NULL) AND (abandoned_at IS NULL) = (abandon_reason IS NULL)),
    ADD CONSTRAINT controller_change_one_end_ck CHECK (completed_at IS NULL OR abandoned_at IS NULL);

-- A document is assigned at most once by each change (the job's restarts write nothing twice), and may be assigned
-- again by a later change of the same scope once an earlier one was abandoned. The document stays the key's leading
-- column: the access decision and the log extracts find a document's assignments by it.
ALTER TABLE archive.controller_assignment DROP CONSTRAINT controller_assignment_pk;
ALTER TABLE archive.controller_assignment ADD CONSTRAINT controller_assignment_pk PRIMARY KEY (document_oid, change_id);

-- A change gains one ending and nothing else: its completion stamp or its abandonment stamp, once.
CREATE FUNCTION archive.refuse_controller_change_but_its_end() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ending text[] := ARRAY['completed_at', 'completed_by_user', 'assigned_count', 'abandoned_at', 'abandoned_by_user',
        'abandon_reason'];
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION '% rows are never deleted (% refused)', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.completed_at IS NOT NULL OR OLD.abandoned_at IS NOT NULL THEN
        RAISE EXCEPTION '% % was ended (completed or abandoned) and never changes again', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (NEW.completed_at IS NULL AND NEW.abandoned_at IS NULL)
       OR (to_jsonb(NEW) - ending) IS DISTINCT FROM (to_jsonb(OLD) - ending) THEN
        RAISE EXCEPTION '% % may only gain its completion or its abandonment', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER controller_change_append_only ON archive.controller_change;
CREATE TRIGGER controller_change_append_only
    BEFORE UPDATE OR DELETE ON archive.controller_change
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_controller_change_but_its_end();

-- Chains (A to B, then B to C): a change of a register moves also the documents an earlier completed change moved
-- into it. The register's received documents are found by the new controller.
CREATE INDEX controller_assignment_new_controller_idx ON archive.controller_assignment (new_controller_oid, document_oid);

-- A version archived into a completed change's scope after the change follows it, and every later completed change
-- of the register it passed to whose scope covers it (each completed after the one before: the register held it only
-- from then), so it lands where the register's documents are now.
CREATE OR REPLACE FUNCTION archive.follow_completed_controller_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    register varchar(256) := NEW.controller_oid;
    since timestamptz := '-infinity';
    followed record;
BEGIN
    LOOP
        SELECT c.id, c.new_controller_oid, c.completed_at INTO followed FROM archive.controller_change c
         WHERE c.old_controller_oid = register AND c.completed_at IS NOT NULL AND c.completed_at > since
           AND (cardinality(c.document_groups) = 0 OR NEW.document_group = ANY (c.document_groups))
           AND (cardinality(c.service_tasks) = 0 OR NEW.service_task = ANY (c.service_tasks))
           AND (cardinality(c.service_units) = 0 OR NEW.service_unit_oid = ANY (c.service_units))
         ORDER BY c.completed_at LIMIT 1;
        EXIT WHEN NOT FOUND;
        INSERT INTO archive.controller_assignment (document_oid, change_id, new_controller_oid, assigned_at)
        VALUES (NEW.document_oid, followed.id, followed.new_controller_oid, now()) ON CONFLICT DO NOTHING;
        register := followed.new_controller_oid;
        since := followed.completed_at;
    END LOOP;
    RETURN NULL;
END $$;

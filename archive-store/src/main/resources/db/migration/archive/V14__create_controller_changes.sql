-- Controller changes (docs/access.md, "Controller change"): in an organisational change the controller of a register,
-- or of some service tasks, service units or document groups of it, passes to a new controller. The archived rows and
-- objects are never rewritten (document_version.controller_oid and the signed custodian keep naming the old
-- controller); a change is a record of its own, and each document it moves gets one assignment row, written by the
-- controller change job. The access decision reads the assignment once its change is completed.
CREATE TABLE archive.controller_change (
    id                 uuid          NOT NULL,
    old_controller_oid varchar(256)  NOT NULL,
    new_controller_oid varchar(256)  NOT NULL,
    -- the scope inside the old controller's register; empty: every value
    document_groups    varchar(64)[] NOT NULL DEFAULT '{}',
    service_tasks      varchar(64)[] NOT NULL DEFAULT '{}',
    service_units      varchar(256)[] NOT NULL DEFAULT '{}',
    reason             text          NOT NULL,
    planned_on         date          NOT NULL,
    created_at         timestamptz   NOT NULL,
    created_by_org     varchar(256)  NOT NULL,
    created_by_user    varchar(256)  NOT NULL,
    -- the moment the new controller took over: set once, when the run has assigned and verified every document
    completed_at       timestamptz,
    completed_by_user  varchar(256),
    assigned_count     bigint,
    CONSTRAINT controller_change_pk PRIMARY KEY (id),
    CONSTRAINT controller_change_parties_ck CHECK (old_controller_oid <> new_controller_oid),
    CONSTRAINT controller_change_completion_ck CHECK (
        (completed_at IS NULL) = (completed_by_user IS NULL) AND (completed_at IS NULL) = (assigned_count IS NULL))
);

CREATE INDEX controller_change_old_idx ON archive.controller_change (old_controller_oid, created_at);
CREATE INDEX controller_change_new_idx ON archive.controller_change (new_controller_oid, created_at);

-- One row per document a change moves: the primary key is what makes every document assigned exactly once, whatever
-- the job's restarts (its writer inserts with ON CONFLICT DO NOTHING). No foreign key to document_version: every
-- assignment is written from a selection of its rows, which are never deleted (V3), and a key check per row would
-- lock a million document rows in a run (and cost a lookup each).
CREATE TABLE archive.controller_assignment (
    document_oid       varchar(256) NOT NULL,
    change_id          uuid         NOT NULL REFERENCES archive.controller_change (id),
    new_controller_oid varchar(256) NOT NULL,
    assigned_at        timestamptz  NOT NULL,
    CONSTRAINT controller_assignment_pk PRIMARY KEY (document_oid)
);

CREATE INDEX controller_assignment_change_idx ON archive.controller_assignment (change_id, document_oid);

-- Archiving into a change's scope pauses while its run goes on: each pause and resume is a row (the latest one of a
-- change says whether it is paused), so every instance's intake sees it.
CREATE TABLE archive.controller_change_pause (
    change_id   uuid        NOT NULL REFERENCES archive.controller_change (id),
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    paused      boolean     NOT NULL,
    at          timestamptz NOT NULL,
    CONSTRAINT controller_change_pause_pk PRIMARY KEY (change_id, seq)
);

-- The job's worklist: the old controller's documents in document OID order (keyset pages per partition).
CREATE INDEX document_version_controller_oid_idx ON archive.document_version (controller_oid, document_oid);

-- Below the application: a change gains its completion stamp once and nothing else; assignments are never changed
-- or deleted (V10's function, the same rule as sharing records and agreements).
CREATE TRIGGER controller_change_append_only
    BEFORE UPDATE OR DELETE ON archive.controller_change
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_change_but_stamp('completed_at', 'completed_at', 'completed_by_user',
        'assigned_count');

CREATE TRIGGER controller_change_no_truncate
    BEFORE TRUNCATE ON archive.controller_change
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_change_but_stamp('completed_at');

CREATE FUNCTION archive.refuse_controller_assignment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'controller assignments are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER controller_assignment_append_only
    BEFORE UPDATE OR DELETE ON archive.controller_assignment
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_controller_assignment_change();

CREATE TRIGGER controller_assignment_no_truncate
    BEFORE TRUNCATE ON archive.controller_assignment
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_controller_assignment_change();

CREATE TRIGGER controller_change_pause_append_only
    BEFORE UPDATE OR DELETE ON archive.controller_change_pause
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_controller_assignment_change();

-- A version archived into a completed change's scope after the change (one that waited in a queue while archiving was
-- paused, or a later version of a moved set still naming the old custodian) follows the change: it is assigned to the
-- new controller in the transaction that archives it, so the register the change moved stays whole.
CREATE FUNCTION archive.follow_completed_controller_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    followed record;
BEGIN
    SELECT c.id, c.new_controller_oid INTO followed FROM archive.controller_change c
     WHERE c.old_controller_oid = NEW.controller_oid AND c.completed_at IS NOT NULL
       AND (cardinality(c.document_groups) = 0 OR NEW.document_group = ANY (c.document_groups))
       AND (cardinality(c.service_tasks) = 0 OR NEW.service_task = ANY (c.service_tasks))
       AND (cardinality(c.service_units) = 0 OR NEW.service_unit_oid = ANY (c.service_units))
     ORDER BY c.completed_at LIMIT 1;
    IF FOUND THEN
        INSERT INTO archive.controller_assignment (document_oid, change_id, new_controller_oid, assigned_at)
        VALUES (NEW.document_oid, followed.id, followed.new_controller_oid, now()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER document_version_follows_controller_change
    AFTER INSERT ON archive.document_version
    FOR EACH ROW EXECUTE FUNCTION archive.follow_completed_controller_change();

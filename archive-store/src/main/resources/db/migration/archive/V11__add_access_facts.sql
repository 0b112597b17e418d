-- The access facts of each document version that its other columns lack (docs/access.md, "Per-version access
-- facts"), written when the version is archived so that a client's document list decides every row with the access
-- rules without reading a stored object. Rows archived before this migration have NULL facts until the background
-- backfill has read them from their stored bytes; until facts_read_at is set a row counts as carrying location
-- data (the conservative reading).
ALTER TABLE archive.document_version
    ADD COLUMN original_custodian_oid  varchar(256),
    ADD COLUMN author_organisation_oid varchar(256),
    ADD COLUMN location_data           boolean,
    ADD COLUMN non_disclosure_declared boolean,
    ADD COLUMN own_restriction         varchar(32)
        CHECK (own_restriction IN ('NONE', 'INACCESSIBLE', 'AUTHORIZATION_RESTRICTION')),
    ADD COLUMN minor_disclosure_code   varchar(64),
    ADD COLUMN facts_read_at           timestamptz,
    ADD CONSTRAINT document_version_facts_ck CHECK (facts_read_at IS NULL OR (location_data IS NOT NULL
        AND non_disclosure_declared IS NOT NULL AND own_restriction IS NOT NULL));

-- The facts are what the archived bytes say, so they are written once: with the row, or filled from NULL by the
-- backfill together with facts_read_at, and never changed afterwards (V3's trigger keeps the rest of the row).
CREATE FUNCTION archive.refuse_access_facts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.original_custodian_oid IS DISTINCT FROM OLD.original_custodian_oid
        OR NEW.author_organisation_oid IS DISTINCT FROM OLD.author_organisation_oid
        OR NEW.location_data IS DISTINCT FROM OLD.location_data
        OR NEW.non_disclosure_declared IS DISTINCT FROM OLD.non_disclosure_declared
        OR NEW.own_restriction IS DISTINCT FROM OLD.own_restriction
        OR NEW.minor_disclosure_code IS DISTINCT FROM OLD.minor_disclosure_code
        OR NEW.facts_read_at IS DISTINCT FROM OLD.facts_read_at)
        AND (OLD.facts_read_at IS NOT NULL OR NEW.facts_read_at IS NULL) THEN
        RAISE EXCEPTION 'the access facts of document % are written once', OLD.document_oid
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER document_version_facts_written_once
    BEFORE UPDATE ON archive.document_version
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_access_facts_change();

-- A client's current versions across registers, newest first: the client document list of every scope.
CREATE INDEX document_version_client_current_idx
    ON archive.document_version (client_id, effective_time DESC, document_oid) WHERE status <> 'REPLACED';

-- The backfill's worklist.
CREATE INDEX document_version_facts_unread_idx
    ON archive.document_version (document_oid) WHERE facts_read_at IS NULL;

-- The parties of mutual cases (docs/access.md, "Mutual cases"), as each version of a case's topic document names
-- them, written when the version is archived (or read by the backfill). The set's current version governs: the
-- parties in effect are those of the case's ACTIVE topic versions, so nothing here is ever updated or deleted.
CREATE TABLE archive.mutual_case_party (
    topic_document_oid varchar(256) NOT NULL REFERENCES archive.document_version (document_oid),
    case_id            varchar(256) NOT NULL,
    party_id           varchar(64)  NOT NULL,
    party_from         date         NOT NULL,
    party_until        date,
    CONSTRAINT mutual_case_party_pk PRIMARY KEY (topic_document_oid, party_id, party_from),
    CONSTRAINT mutual_case_party_period_ck CHECK (party_until IS NULL OR party_until >= party_from)
);

CREATE INDEX mutual_case_party_party_idx ON archive.mutual_case_party (party_id, case_id);
CREATE INDEX mutual_case_party_case_idx ON archive.mutual_case_party (case_id);

CREATE FUNCTION archive.refuse_mutual_case_party_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the parties a topic document version names are kept as archived (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER mutual_case_party_append_only
    BEFORE UPDATE OR DELETE ON archive.mutual_case_party
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_mutual_case_party_change();

CREATE TRIGGER mutual_case_party_no_truncate
    BEFORE TRUNCATE ON archive.mutual_case_party
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_mutual_case_party_change();

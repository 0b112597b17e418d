-- A reject record whose document later archived (an outage waited out by the sender, a dead letter replayed) is
-- marked resolved, once: when, and by which document. The record itself never changes otherwise and is never
-- deleted (docs/messages.md, "Reject records"). The payload's SHA-256 is the document's for every record that names
-- a readable document, so the archive finds the records a newly archived document resolves by its own SHA-256.
ALTER TABLE archive.rejection
    ADD COLUMN resolved_at          TIMESTAMPTZ,
    ADD COLUMN resolved_by_document VARCHAR(200),
    ADD CONSTRAINT rejection_resolution_complete CHECK ((resolved_at IS NULL) = (resolved_by_document IS NULL));

CREATE INDEX rejection_unresolved_payload_idx ON archive.rejection (payload_sha256) WHERE resolved_at IS NULL;

CREATE TRIGGER rejection_append_only
    BEFORE UPDATE OR DELETE ON archive.rejection
    FOR EACH ROW EXECUTE FUNCTION archive.refuse_change_but_stamp('resolved_at', 'resolved_at', 'resolved_by_document');

CREATE TRIGGER rejection_no_truncate
    BEFORE TRUNCATE ON archive.rejection
    FOR EACH STATEMENT EXECUTE FUNCTION archive.refuse_change_but_stamp('resolved_at');

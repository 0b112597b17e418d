package fi.arkisto.store.document;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;

/**
 * One submission on its way through the archiving stages. Mutable and confined to the thread
 * running the stage that owns it; the bulk path hands candidates between stages only through
 * completed futures (happens-before).
 */
final class Candidate {

    final int index;
    final byte[] bytes;
    ParsedDocument parsed;
    ValidationReport report;
    String sha256;
    ArchiveException error;
    /** Outcome decided before storing: an identical version already archived. */
    ArchiveOutcome duplicate;
    /** An earlier item of the same bulk list with the same document OID and bytes. */
    Candidate sameAs;
    /** The archived version this one replaces (version n+1 of a set), when it is already stored. */
    StoredDocument previousStored;
    /** The version this one replaces when it is an earlier item of the same bulk list. */
    Candidate previousInBatch;

    Candidate(int index, byte[] bytes) {
        this.index = index;
        this.bytes = bytes;
    }

    DocumentMetadata metadata() {
        return parsed.metadata();
    }

    String documentOid() {
        return parsed == null ? null : parsed.metadata().documentOid().value();
    }

    String clientId() {
        return parsed == null ? null : parsed.metadata().clientId();
    }

    String previousOid() {
        if (previousStored != null) {
            return previousStored.document().oid().value();
        }
        return previousInBatch == null ? null : previousInBatch.documentOid();
    }

    boolean failed() {
        return error != null;
    }
}

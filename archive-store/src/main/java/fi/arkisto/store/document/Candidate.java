package fi.arkisto.store.document;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;

import java.nio.file.Path;

/**
 * One submission on its way through the archiving stages. Mutable and confined to the thread
 * running the stage that owns it; the bulk path hands candidates between stages only through
 * completed futures (happens-before).
 */
final class Candidate {

    final int index;
    /** The document, or null when it is archived from {@link #file}. */
    final byte[] bytes;
    /** A document above the in-memory limit, read with its body streamed; null for bytes. */
    final Path file;
    /** Where the streamed read writes the decoded display form. */
    final Path displayFile;
    long size;
    ParsedDocument parsed;
    ValidationReport report;
    String sha256;
    ArchiveException error;
    /** Outcome decided before storing: an identical version already archived. */
    ArchiveOutcome duplicate;
    /** The archived version with this OID, when there is one. */
    StoredDocument existing;
    /** An earlier item of the same bulk list with the same document OID and bytes. */
    Candidate sameAs;
    /** The archived version this one replaces (version n+1 of a set), when it is already stored. */
    StoredDocument previousStored;
    /** The version this one replaces when it is an earlier item of the same bulk list. */
    Candidate previousInBatch;

    Candidate(int index, byte[] bytes) {
        this.index = index;
        this.bytes = bytes;
        this.file = null;
        this.displayFile = null;
    }

    Candidate(int index, Path file, Path displayFile) {
        this.index = index;
        this.bytes = null;
        this.file = file;
        this.displayFile = displayFile;
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

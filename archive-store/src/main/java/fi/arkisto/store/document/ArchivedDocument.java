package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.DocumentOid;

import java.time.Instant;
import java.util.List;

/**
 * One archived document version: its header metadata and the archive's own facts about it
 * (status, SHA-256 and size of the stored original bytes, when it was archived, what the
 * archiving-stage checks recorded).
 */
public record ArchivedDocument(DocumentMetadata metadata, DocumentStatus status, String sha256, long size,
                               Instant archivedAt, String nullificationReason, List<Warning> warnings,
                               List<SignatureEvidence> signatures) {

    public ArchivedDocument {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    public DocumentOid oid() {
        return metadata.documentOid();
    }
}

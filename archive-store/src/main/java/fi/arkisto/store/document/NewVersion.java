package fi.arkisto.store.document;

import fi.arkisto.store.access.RequestContext;

import java.time.Instant;
import java.util.List;

/** A version ready to be recorded: its metadata, the verified object holding its bytes, and what the checks found. */
record NewVersion(DocumentMetadata metadata, String sha256, long size, String objectKey, Instant archivedAt,
                  RequestContext archivedBy, List<Warning> warnings, List<SignatureEvidence> signatures) {

    ArchivedDocument toArchived() {
        return new ArchivedDocument(metadata, DocumentStatus.ACTIVE, sha256, size, archivedAt, null, warnings, signatures);
    }
}

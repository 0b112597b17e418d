package fi.arkisto.app.api.document;

import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DocumentStatus;

/**
 * The answer to an archiving request: which version of which set is now archived, and its status.
 *
 * @param documentOid the archived version's OID (CDA {@code id@root})
 * @param setId       the OID of the original, shared by all versions of the document
 * @param version     the version number within the set
 * @param status      the version's status in the archive
 */
public record ArchivingReceipt(String documentOid, String setId, int version, DocumentStatus status) {

    static ArchivingReceipt of(ArchivedDocument document) {
        return new ArchivingReceipt(document.oid().value(), document.metadata().setId(),
                document.metadata().versionNumber(), document.status());
    }
}

package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;

/**
 * The current version of a document set, against which a new version is planned: the archived head, or an earlier
 * item of the same bulk list.
 *
 * @param controller the register controller's OID, whose access decides who may replace this version
 */
record SetHead(String oid, int version, DocumentStatus status, String controller) {

    static SetHead of(StoredDocument stored) {
        return new SetHead(stored.document().oid().value(), stored.document().metadata().versionNumber(),
                stored.document().status(), stored.controllerOid());
    }

    /** A version about to be archived: active once recorded. */
    static SetHead of(DocumentMetadata metadata) {
        return new SetHead(metadata.documentOid().value(), metadata.versionNumber(), DocumentStatus.ACTIVE,
                metadata.controllerOid());
    }
}

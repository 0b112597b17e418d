package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;

/**
 * The current version of a document set, against which a new version is planned: the archived head, or an earlier
 * item of the same bulk list.
 *
 * @param controller the register controller's OID, whose access decides who may replace this version
 * @param archivedBy the organisation that archived it (a provider replaces only its own versions, docs/access.md)
 * @param formerController the register's former controller when a controller change passed it to
 *                         {@code controller}, else null (docs/access.md, "Controller change")
 */
record SetHead(String oid, int version, DocumentStatus status, String controller, String archivedBy,
               String formerController) {

    SetHead(String oid, int version, DocumentStatus status, String controller, String archivedBy) {
        this(oid, version, status, controller, archivedBy, null);
    }

    static SetHead of(StoredDocument stored) {
        return new SetHead(stored.document().oid().value(), stored.document().metadata().versionNumber(),
                stored.document().status(), stored.controllerOid(), stored.archivedBy(), stored.formerController());
    }

    /** A version about to be archived by {@code archivedBy}: active once recorded. */
    static SetHead of(DocumentMetadata metadata, String archivedBy) {
        return new SetHead(metadata.documentOid().value(), metadata.versionNumber(), DocumentStatus.ACTIVE,
                metadata.controllerOid(), archivedBy);
    }
}

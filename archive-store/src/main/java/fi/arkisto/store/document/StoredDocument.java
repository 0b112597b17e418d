package fi.arkisto.store.document;

/**
 * An archived version as read from PostgreSQL, with the key of its original bytes in the object store and its
 * recorded access facts.
 *
 * @param facts the access facts recorded for the version, or null while they are not yet read (a version archived
 *              before they were kept, until {@link AccessFactsBackfill} has read it)
 * @param archivedBy the organisation that archived the version (a provider under a register access right writes
 *                   into the organiser's register: docs/access.md, "Archiving and nullifying")
 * @param assignedController the controller a completed controller change assigned the version to, or null
 *                           (docs/access.md, "Controller change"; the row and the custodian keep the old one)
 */
record StoredDocument(ArchivedDocument document, String objectKey, RecordedFacts facts, String archivedBy,
                      String assignedController) {

    /** The register's current controller: the assigned one after a controller change, else the custodian's. */
    String controllerOid() {
        return assignedController != null ? assignedController : document.metadata().controllerOid();
    }

    /** The controller whose register the version was archived into, when a change has passed it on; else null. */
    String formerController() {
        return assignedController != null ? document.metadata().controllerOid() : null;
    }

    String clientId() {
        return document.metadata().clientId();
    }
}

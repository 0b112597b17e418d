package fi.arkisto.store.document;

/**
 * An archived version as read from PostgreSQL, with the key of its original bytes in the object store and its
 * recorded access facts.
 *
 * @param facts the access facts recorded for the version, or null while they are not yet read (a version archived
 *              before they were kept, until {@link AccessFactsBackfill} has read it)
 * @param archivedBy the organisation that archived the version (a provider under a register access right writes
 *                   into the organiser's register: docs/access.md, "Archiving and nullifying")
 */
record StoredDocument(ArchivedDocument document, String objectKey, RecordedFacts facts, String archivedBy) {

    String controllerOid() {
        return document.metadata().controllerOid();
    }

    String clientId() {
        return document.metadata().clientId();
    }
}

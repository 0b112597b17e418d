package fi.arkisto.store.document;

/**
 * An archived version as read from PostgreSQL, with the key of its original bytes in the object store and its
 * recorded access facts.
 *
 * @param facts the access facts recorded for the version, or null while they are not yet read (a version archived
 *              before they were kept, until {@link AccessFactsBackfill} has read it)
 */
record StoredDocument(ArchivedDocument document, String objectKey, RecordedFacts facts) {

    String controllerOid() {
        return document.metadata().controllerOid();
    }

    String clientId() {
        return document.metadata().clientId();
    }
}

package fi.arkisto.store.document;

/** An archived version as read from PostgreSQL, with the key of its original bytes in the object store. */
record StoredDocument(ArchivedDocument document, String objectKey) {

    String controllerOid() {
        return document.metadata().controllerOid();
    }

    String clientId() {
        return document.metadata().clientId();
    }
}

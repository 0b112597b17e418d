package fi.arkisto.store.audit;

/** What was done with client data (DESIGN invariant 5: "what"). Stored by name; never renamed. */
public enum AuditOperation {
    ARCHIVE, READ_CONTENT, READ_METADATA, READ_DISPLAY, LIST_CLIENT_DOCUMENTS, NULLIFY
}

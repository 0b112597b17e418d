package fi.arkisto.store.access;

/** What the acting organisation wants to do with a register's documents. */
public enum AccessAction {
    /** Store a new document or version in the register. */
    ARCHIVE,
    /** Read one document's metadata, content or display form. */
    READ,
    /** List a client's documents in the register. */
    LIST,
    /** Declare a document void. */
    NULLIFY
}

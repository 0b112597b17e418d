package fi.arkisto.store.document;

/**
 * Lifecycle of an archived version (DESIGN invariant 4: nothing is overwritten).
 * {@code REPLACED}: a later version of the same set superseded it; it stays retrievable.
 * {@code NULLIFIED}: declared void with a reason; it stays stored.
 */
public enum DocumentStatus {
    ACTIVE, REPLACED, NULLIFIED
}

package fi.arkisto.store.document;

/**
 * Lifecycle of an archived version (invariant 4 (docs/invariants.md): nothing is overwritten).
 * {@code REPLACED}: a later version of the same set superseded it; it stays retrievable.
 * {@code NULLIFIED}: declared void with a reason; it stays stored.
 */
public enum DocumentStatus {
    ACTIVE, REPLACED, NULLIFIED
}

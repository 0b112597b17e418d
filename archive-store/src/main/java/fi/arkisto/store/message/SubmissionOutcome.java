package fi.arkisto.store.message;

/** How a submission ended (invariant 1 (docs/invariants.md): archived or rejected with a reason, never lost). */
public enum SubmissionOutcome {
    /** A new document version was archived. */
    ARCHIVED,
    /** The identical version was already archived; nothing new was stored (invariant 3). */
    DUPLICATE,
    /** The named document was marked void. */
    NULLIFIED,
    /** Refused with a stable error code; recorded in the reject store. */
    REJECTED
}

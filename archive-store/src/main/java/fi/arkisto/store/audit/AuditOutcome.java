package fi.arkisto.store.audit;

/**
 * How an audited operation ended. {@code DUPLICATE}: an identical resubmission answered with the
 * existing record; {@code REJECTED}: refused with an error code (named in the event's detail).
 */
public enum AuditOutcome {
    SUCCESS, DUPLICATE, DENIED, REJECTED, NOT_FOUND
}

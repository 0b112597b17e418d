package fi.arkisto.store.audit;

import fi.arkisto.store.actor.RequestContext;

import java.util.Objects;

/**
 * One event to append: who acted (organisation, user, purpose of use from the request context),
 * what they did to which document and client, and how it ended.
 *
 * @param documentOid the document concerned, or null (e.g. a listing, or input that could not be parsed)
 * @param clientId    the client concerned, or null when unknown (unparseable input)
 * @param detail      free text: error code and reason for refusals, paging for listings
 */
public record AuditEntry(RequestContext context, AuditOperation operation, String documentOid, String clientId,
                         AuditOutcome outcome, String detail) {

    public AuditEntry {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
    }
}

package fi.arkisto.store.access;

import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.AssertedRights;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.actor.RequestContext;

import java.time.LocalDate;

/** A professional's {@link RequestContext} as the access decision's {@link AccessRequest} (docs/access.md, "Request context"). */
public final class AccessRequests {

    private AccessRequests() {
    }

    /**
     * @param subjectClient the client the request is about (a list by client), or null for a read by identifier
     * @param on            the day of the request in Finnish time
     */
    public static AccessRequest of(RequestContext context, RequestKind kind, String subjectClient, LocalDate on) {
        RequestAssertions assertions = context.assertions();
        return new AccessRequest(kind, context.organisation().value(), context.userId(), subjectClient,
                context.purposeOfUse(), assertions.broadSearchJustification(),
                new AssertedRights(assertions.nonDisclosureRight(), assertions.statutoryRightBasis()), on);
    }
}

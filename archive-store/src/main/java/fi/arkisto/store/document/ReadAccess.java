package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessRequests;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The access decision of a professional's read of one document by its identifier (docs/access.md, "Reading one
 * document"): {@link AccessRules#decide} over the stored version's facts and the facts of the document's client, on
 * today's Finnish day, and the words the audit event records it with.
 */
final class ReadAccess {

    /**
     * Every {@link DenialReason} a professional's read of one document by identifier can answer: the others are the
     * citizen's view, writes, and which client a document pertains to (a read by identifier reaches a document
     * through its own client). The request context always names an organisation (MISSING_REQUEST_CONTEXT before it)
     * and a stored version always names its controller, so ACTING_ORGANISATION_MISSING and
     * REGISTER_CONTROLLER_UNKNOWN cannot arise here. Each is answered as the {@link ErrorCode} of the same name.
     */
    static final Set<DenialReason> READ_DENIALS = Set.copyOf(EnumSet.of(
            DenialReason.USE_CONTEXT_UNKNOWN, DenialReason.USE_CONTEXT_NOT_FOR_OWN_REGISTER,
            DenialReason.NO_ACCESS_TO_REGISTER, DenialReason.REGISTER_ACCESS_RIGHT_NOT_STARTED,
            DenialReason.REGISTER_ACCESS_RIGHT_ENDED, DenialReason.REGISTER_ACCESS_OTHER_SERVICE_TASK,
            DenialReason.REGISTER_ACCESS_AGREEMENT_MISSING, DenialReason.REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK,
            DenialReason.REGISTER_ACCESS_AGREEMENT_ENDED, DenialReason.REGISTER_ACCESS_DOCUMENT_BEFORE_PERIOD,
            DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED, DenialReason.CLIENT_NOT_INFORMED,
            DenialReason.NO_VALID_CONSENT, DenialReason.NO_ACTIVE_CLIENT_RELATIONSHIP,
            DenialReason.DISCLOSURE_DENIED_DOCUMENT, DenialReason.DISCLOSURE_DENIED_SERVICE_TASK,
            DenialReason.DISCLOSURE_DENIED_CONTROLLER, DenialReason.OLD_DOCUMENT_NEEDS_BROAD_SEARCH,
            DenialReason.STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH, DenialReason.BROAD_SEARCH_JUSTIFICATION_UNKNOWN));

    private final AccessRules rules;
    private final ClientFactsSource clients;
    private final Clock clock;

    ReadAccess(AccessRules rules, ClientFactsSource clients, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.clients = Objects.requireNonNull(clients);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A decided read: the verdict, and the words of its audit event. */
    record Decided(AccessVerdict verdict, String description) {

        boolean allowed() {
            return verdict.allowed();
        }

        /** The problem code of a denial. */
        ErrorCode code() {
            return code(verdict.denial());
        }

        static ErrorCode code(DenialReason reason) {
            // a reason outside READ_DENIALS would be a rule this wiring does not know: never answer it as allowed
            return READ_DENIALS.contains(reason) ? ErrorCode.valueOf(reason.name()) : ErrorCode.ACCESS_DENIED;
        }
    }

    Decided decide(RequestContext context, DocumentFacts document) {
        LocalDate today = LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
        ClientFacts client = clients.facts(document.clientId());
        AccessVerdict verdict = rules.decide(AccessRequests.of(context, RequestKind.PROFESSIONAL_READ, null, today),
                document, client);
        return new Decided(verdict, describe(verdict, context, document));
    }

    /** The decision as the client's log extract needs it ({@link AccessDescription}). */
    static String describe(AccessVerdict verdict, RequestContext context, DocumentFacts document) {
        return AccessDescription.describe(verdict, verdict.allowed() ? null : Decided.code(verdict.denial()), context,
                document);
    }
}

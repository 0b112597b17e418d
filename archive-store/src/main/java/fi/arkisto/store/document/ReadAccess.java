package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessRequests;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.request.AccessRequest;
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
 * document"), or of a citizen's read of their own (docs/access.md, "The citizen API"): {@link AccessRules#decide} over the stored version's facts and the facts of the document's client, on
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
            DenialReason.USE_CONTEXT_UNKNOWN, DenialReason.REGISTER_CONTROLLER_CHANGED, DenialReason.USE_CONTEXT_NOT_FOR_OWN_REGISTER,
            DenialReason.NO_ACCESS_TO_REGISTER, DenialReason.REGISTER_ACCESS_RIGHT_NOT_STARTED,
            DenialReason.REGISTER_ACCESS_RIGHT_ENDED, DenialReason.REGISTER_ACCESS_OTHER_SERVICE_TASK,
            DenialReason.REGISTER_ACCESS_AGREEMENT_MISSING, DenialReason.REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK,
            DenialReason.REGISTER_ACCESS_AGREEMENT_ENDED, DenialReason.REGISTER_ACCESS_TEST_REAL_IDENTITY_CODE,
            DenialReason.REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN, DenialReason.REGISTER_ACCESS_DOCUMENT_BEFORE_PERIOD,
            DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED, DenialReason.CLIENT_NOT_INFORMED,
            DenialReason.NO_VALID_CONSENT, DenialReason.NO_ACTIVE_CLIENT_RELATIONSHIP,
            DenialReason.DISCLOSURE_DENIED_DOCUMENT, DenialReason.DISCLOSURE_DENIED_SERVICE_TASK,
            DenialReason.DISCLOSURE_DENIED_CONTROLLER, DenialReason.OLD_DOCUMENT_NEEDS_BROAD_SEARCH,
            DenialReason.STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH, DenialReason.BROAD_SEARCH_JUSTIFICATION_UNKNOWN));

    /**
     * Every {@link DenialReason} a citizen's read of one of their documents can answer (docs/access.md, "The citizen's
     * view"): which client the document pertains to, what the citizen's view never shows, and what it withholds from
     * a guardian. GUARDIANSHIP_NOT_VERIFIED is not among them: the citizen API acts for a minor only once the token
     * vouches for the guardianship (GUARDIANSHIP_NOT_ASSERTED otherwise), so the decision never meets it there.
     */
    static final Set<DenialReason> CITIZEN_READ_DENIALS = Set.copyOf(EnumSet.of(
            DenialReason.NOT_THE_CLIENTS_DOCUMENT, DenialReason.MUTUAL_CASE_BEFORE_PARTY_JOINED,
            DenialReason.MUTUAL_CASE_AFTER_PARTY_LEFT, DenialReason.CITIZEN_OLD_DOCUMENT,
            DenialReason.CITIZEN_STAGE_ONE_DOCUMENT, DenialReason.CITIZEN_INACCESSIBLE_ARGUMENT,
            DenialReason.CITIZEN_AUTHORIZATION_RESTRICTION, DenialReason.CITIZEN_SHELTER_SERVICE,
            DenialReason.CITIZEN_INTIMATE_PARTNER_VIOLENCE, DenialReason.CITIZEN_PAYMENT_COMMITMENT,
            DenialReason.CITIZEN_OTHER_PARTY_NON_DISCLOSURE, DenialReason.GUARDIAN_CLIENT_NOT_A_MINOR,
            DenialReason.GUARDIAN_BLOCKED_BY_NON_DISCLOSURE, DenialReason.MINOR_REFUSED_DISCLOSURE_TO_GUARDIAN,
            DenialReason.MINOR_DISCLOSURE_NOT_RECORDED));

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
            return READ_DENIALS.contains(reason) || CITIZEN_READ_DENIALS.contains(reason)
                    ? ErrorCode.valueOf(reason.name()) : ErrorCode.ACCESS_DENIED;
        }
    }

    /**
     * @param citizenSubject null for a professional's read; for a citizen's, whose documents they read: themself, or
     *                       the minor whose guardian (the context's user) the token issuer verified them to be
     */
    Decided decide(RequestContext context, DocumentFacts document, String citizenSubject) {
        LocalDate today = LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
        AccessVerdict verdict;
        if (citizenSubject != null) {
            // the same rules with the citizen's request kind, on the facts of the one whose documents are read
            String reader = context.userId();
            ClientFacts subject = clients.facts(citizenSubject);
            verdict = rules.decide(AccessRequest.citizen(RequestKind.CITIZEN_READ, reader, citizenSubject, today),
                    document, reader.equals(citizenSubject) ? subject : subject.withGuardian(reader));
        } else {
            verdict = rules.decide(AccessRequests.of(context, RequestKind.PROFESSIONAL_READ, null, today), document,
                    clients.facts(document.clientId()));
        }
        return new Decided(verdict, describe(verdict, context, document));
    }

    /** The decision as the client's log extract needs it ({@link AccessDescription}). */
    static String describe(AccessVerdict verdict, RequestContext context, DocumentFacts document) {
        return AccessDescription.describe(verdict, verdict.allowed() ? null : Decided.code(verdict.denial()), context,
                document);
    }
}

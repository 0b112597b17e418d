package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessRequests;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The access decisions of archiving and nullifying (docs/access.md, "Archiving and nullifying"): {@link AccessRules}
 * over the facts the preparation read from the document (never read again here) or those recorded with the stored
 * version, the version it writes over and who archived that, and the facts of the document's client, gathered
 * before the pure decision and only when the rules say they can matter ({@link AccessRules#needsClientFacts}).
 */
final class ArchiveAccess {

    /**
     * Every {@link DenialReason} archiving can answer, each as the {@link ErrorCode} of the same name. A request
     * always names its organisation and a parsed document its custodian, and a write reaches a document through its
     * own client, so the request and pertinence reasons cannot arise; the citizen's and sharing's reasons are reads'.
     */
    static final Set<DenialReason> ARCHIVE_DENIALS = Set.copyOf(EnumSet.of(
            DenialReason.USE_CONTEXT_UNKNOWN, DenialReason.REGISTER_CONTROLLER_CHANGED, DenialReason.USE_CONTEXT_NOT_FOR_OWN_REGISTER,
            DenialReason.SHARING_ONLY_FOR_READS, DenialReason.NO_ACCESS_TO_REGISTER,
            DenialReason.REGISTER_ACCESS_RIGHT_NOT_STARTED, DenialReason.REGISTER_ACCESS_RIGHT_ENDED,
            DenialReason.REGISTER_ACCESS_OTHER_SERVICE_TASK, DenialReason.REGISTER_ACCESS_AGREEMENT_MISSING,
            DenialReason.REGISTER_ACCESS_AGREEMENT_OTHER_SERVICE_TASK, DenialReason.REGISTER_ACCESS_AGREEMENT_ENDED,
            DenialReason.REGISTER_ACCESS_TEST_REAL_IDENTITY_CODE, DenialReason.REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN,
            DenialReason.EXTENSIVE_REGISTER_ACCESS_RIGHT_REQUIRED, DenialReason.DOCUMENT_GROUP_NOT_ARCHIVABLE_BY_PROVIDER,
            DenialReason.AUTHOR_ORGANISATION_NOT_PROVIDER, DenialReason.REPLACED_VERSION_NOT_BY_PROVIDER,
            DenialReason.LOCATION_DATA_UNDER_NON_DISCLOSURE, DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED));

    /** Those of {@link #ARCHIVE_DENIALS} a nullification can answer: it writes no content, so no non-disclosure rule. */
    static final Set<DenialReason> NULLIFY_DENIALS = nullifyDenials();

    private static Set<DenialReason> nullifyDenials() {
        EnumSet<DenialReason> reasons = EnumSet.copyOf(ARCHIVE_DENIALS);
        reasons.removeAll(EnumSet.of(DenialReason.LOCATION_DATA_UNDER_NON_DISCLOSURE,
                DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED));
        return Set.copyOf(reasons);
    }

    private final AccessRules rules;
    private final ClientFactsSource clients;
    private final FactsReading reading;
    private final MutualCaseParties parties;
    private final Clock clock;

    ArchiveAccess(AccessRules rules, ClientFactsSource clients, FactsReading reading, MutualCaseParties parties,
                  Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.reading = Objects.requireNonNull(reading, "reading");
        this.parties = Objects.requireNonNull(parties, "parties");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A decision: allowed with the words of its audit event, or the refusal (its detail those words).
     *
     * @param refusal null when allowed
     */
    record Decided(String description, ArchiveException refusal) {

        boolean allowed() {
            return refusal == null;
        }
    }

    /** Each client's facts gathered once per call (a bulk list names a client many times). */
    Function<String, ClientFacts> clientFacts() {
        Map<String, ClientFacts> gathered = new HashMap<>();
        return client -> gathered.computeIfAbsent(client, clients::facts);
    }

    private static final Set<ErrorCode> DENIAL_CODES = Set.copyOf(ARCHIVE_DENIALS.stream()
            .map(reason -> ErrorCode.valueOf(reason.name())).toList());

    /** Whether {@code code} answers an access decision (audited as DENIED rather than REJECTED). */
    static boolean denial(ErrorCode code) {
        return code == ErrorCode.ACCESS_DENIED || DENIAL_CODES.contains(code);
    }

    /**
     * Archiving {@code document} acting for {@code context}.
     *
     * @param head      the set's archived current version, or null
     * @param identical the very bytes are archived already: the resubmission writes no content, so the rules on
     *                  content (non-disclosure) do not apply to it, while who may write into the register still does
     */
    Decided archiving(RequestContext context, Preparation.Prepared document, SetHead head, boolean identical,
                      Function<String, ClientFacts> facts) {
        DocumentMetadata m = document.metadata();
        // a replacement writes over the set's current version; the planner refuses any other head afterwards
        boolean replaces = head != null && m.versionNumber() > 1 && head.version() == m.versionNumber() - 1;
        DocumentFacts.Builder builder = document.access().toBuilder().replacedArchivedBy(replaces ? head.archivedBy() : null);
        if (identical) {
            builder.locationData(false);
        } else if (document.access().locationData() && m.caseId() != null) {
            // a protected party of the case keeps location data out of the case's documents
            MutualCase mutualCase = parties.cases(List.of(m.caseId())).get(m.caseId());
            builder.mutualCase(mutualCase);
        }
        DocumentFacts written = builder.build();
        Decided decided = decide(context, RequestKind.PROFESSIONAL_ARCHIVE, written, facts);
        if (decided.allowed() && replaces && !Objects.equals(head.controller(), written.controller())) {
            // the version replaced is in another register: the writer must be allowed to write over it there too
            return decide(context, RequestKind.PROFESSIONAL_ARCHIVE,
                    written.toBuilder().controller(head.controller()).formerController(head.formerController()).build(),
                    facts);
        }
        return decided;
    }

    /** Nullifying the stored version acting for {@code context}. */
    Decided nullifying(RequestContext context, StoredDocument stored) {
        DocumentMetadata m = stored.document().metadata();
        DocumentFacts.Builder facts = stored.facts() != null ? stored.facts().applyTo(reading.reader().fromMetadata(m))
                : reading.unread(m);
        return decide(context, RequestKind.PROFESSIONAL_NULLIFY, facts.setId(m.setId()).controller(stored.controllerOid())
                .formerController(stored.formerController())
                .replacedArchivedBy(stored.archivedBy()).build(), clientFacts());
    }

    private Decided decide(RequestContext context, RequestKind kind, DocumentFacts document,
                           Function<String, ClientFacts> facts) {
        LocalDate today = LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
        AccessRequest request = AccessRequests.of(context, kind, null, today);
        ClientFacts client;
        try {
            client = rules.needsClientFacts(request, document) ? facts.apply(document.clientId())
                    : ClientFacts.unknown(document.clientId());
        } catch (ArchiveException e) {
            return new Decided(null, e);
        }
        AccessVerdict verdict = rules.decide(request, document, client);
        ErrorCode code = verdict.allowed() ? null : code(kind, verdict.denial());
        String description = AccessDescription.describe(verdict, code, context, document);
        if (verdict.allowed()) {
            return new Decided(description + "; archived by " + context.organisation().value(), null);
        }
        return new Decided(description, new ArchiveException(code, (kind == RequestKind.PROFESSIONAL_NULLIFY
                ? "Nullifying in the register of " : "Archiving into the register of ") + document.controller()
                + " refused: " + verdict.denial().title() + AccessDescription.request(context)));
    }

    static ErrorCode code(RequestKind kind, DenialReason reason) {
        Set<DenialReason> known = kind == RequestKind.PROFESSIONAL_NULLIFY ? NULLIFY_DENIALS : ARCHIVE_DENIALS;
        // a reason outside the list would be a rule this wiring does not know: never answer it as allowed
        return known.contains(reason) ? ErrorCode.valueOf(reason.name()) : ErrorCode.ACCESS_DENIED;
    }
}

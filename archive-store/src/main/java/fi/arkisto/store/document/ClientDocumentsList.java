package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRequests;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.extract.StageOneClassifier;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A client's document list under the access rules (docs/access.md, "A client's document list"; invariant 6,
 * docs/invariants.md): SQL selects the client's current versions in the registers in question, then
 * {@link AccessRules#decide} decides each row from its recorded facts, the mutual case it is attached to (the client's
 * own documents and those of the mutual cases it is a party of are selected) and the client's facts, with no object
 * read per row. Denied rows are neither listed nor counted; one audit event records the listing with its scope, registers,
 * use context, bases and what was asserted, or the refusal of the whole list.
 */
final class ClientDocumentsList {

    private final DocumentRepository documents;
    private final MutualCaseParties parties;
    private final AuditLog audit;
    private final AccessRules rules;
    private final ClientFactsSource clients;
    private final StageOneClassifier stageOne;
    private final Clock clock;
    private final Executor executor;

    /** @param executor where the listing's audit event is appended while the page is read */
    ClientDocumentsList(DocumentRepository documents, AuditLog audit, AccessRules rules, ClientFactsSource clients,
                        StageOneClassifier stageOne, Clock clock, Executor executor) {
        this.documents = Objects.requireNonNull(documents);
        this.parties = new MutualCaseParties(documents.jdbc());
        this.audit = Objects.requireNonNull(audit);
        this.rules = Objects.requireNonNull(rules);
        this.clients = Objects.requireNonNull(clients);
        this.stageOne = Objects.requireNonNull(stageOne);
        this.clock = Objects.requireNonNull(clock);
        this.executor = Objects.requireNonNull(executor);
    }

    ClientDocumentsPage list(String clientId, ClientDocumentsQuery query, ClientDocumentsScope scope,
                             RequestContext context) {
        LocalDate today = LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
        String acting = context.organisation().value();
        ErrorCode refusal = refusal(scope, context);
        if (refusal != null) {
            throw refuse(context, clientId, scope, refusal);
        }
        boolean sharing = scope == ClientDocumentsScope.ALL_CONTROLLERS;
        // the client's facts are read while SQL selects the rows: which organisers' registers a register access right
        // reaches is known only from the facts, so SQL takes every organiser the acting organisation has an agreement
        // with and the rows are narrowed to the registers the facts give once both are read
        CompletableFuture<ClientFacts> facts = CompletableFuture.supplyAsync(() -> clients.facts(clientId), executor);
        AccessProperties.UseContexts useContexts = rules.properties().useContexts();
        List<ListRow> candidates;
        try {
            candidates = sharing ? documents.listRows(clientId, null, null, acting, query)
                    : documents.listRows(clientId, useContexts.ownRegister().contains(context.purposeOfUse())
                            ? List.of(acting) : List.of(),
                    useContexts.registerAccess().contains(context.purposeOfUse()) ? acting : null, null, query);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The documents could not be listed", e);
        }
        ClientFacts client = join(facts);
        List<String> registers = sharing ? null : registers(context, client, acting, today);
        List<ListRow> rows = sharing ? candidates
                : candidates.stream().filter(row -> registers.contains(row.controller())).toList();
        AccessRequest request = AccessRequests.of(context,
                sharing ? RequestKind.PROFESSIONAL_SEARCH : RequestKind.PROFESSIONAL_LIST, clientId, today);
        return decidedPage(rows, request, client, query, context, "scope " + scopeName(scope)
                + (registers == null ? ", every other controller's register" : ", registers " + registers), sharing);
    }

    /**
     * The citizen's own list (docs/access.md, "The citizen API"): the citizen's documents and those of the mutual
     * cases they are a party of, in every register, decided by the same rules with the citizen's request kind.
     */
    ClientDocumentsPage citizenList(String reader, String subject, ClientDocumentsQuery query,
                                    RequestContext context) {
        LocalDate today = LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
        ClientFacts facts = clients.facts(subject);
        // a guardian reads on the facts of the minor, with the guardianship the token issuer verified
        ClientFacts client = reader.equals(subject) ? facts : facts.withGuardian(reader);
        List<ListRow> rows;
        try {
            rows = documents.listRows(subject, null, null, null, query);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The documents could not be listed", e);
        }
        return decidedPage(rows, AccessRequest.citizen(RequestKind.CITIZEN_LIST, reader, subject, today), client,
                query, context, reader.equals(subject) ? "citizen's own view, every register"
                        : "guardian's view on the minor's behalf, every register", false);
    }

    /**
     * The rows the rules allow, the query's page of them, and the audit event of the listing.
     *
     * @param namesRegisters whether the event names the registers the page's documents came from, each with its
     *                       bases: a listing of every other controller's register discloses each of them, and those
     *                       controllers' log extracts find it by these words (docs/access.md, "Log extracts")
     */
    private ClientDocumentsPage decidedPage(List<ListRow> rows, AccessRequest request, ClientFacts client,
                                            ClientDocumentsQuery query, RequestContext context, String scope,
                                            boolean namesRegisters) {
        Map<String, MutualCase> cases = mutualCases(rows);
        List<ListRow> allowed = new ArrayList<>();
        List<AccessVerdict> verdicts = new ArrayList<>();
        for (ListRow row : rows) {
            AccessVerdict verdict = rules.decide(request,
                    facts(row, row.caseId() == null ? null : cases.get(row.caseId())), client);
            if (verdict.allowed()) {
                allowed.add(row);
                verdicts.add(verdict);
            }
        }
        int from = (int) Math.min((long) query.page() * query.size(), allowed.size());
        int to = Math.min(from + query.size(), allowed.size());
        String words = namesRegisters ? scope + ", listed from registers "
                + listedFrom(allowed.subList(from, to), verdicts.subList(from, to)) : scope;
        AuditEntry listing = new AuditEntry(context, AuditOperation.LIST_CLIENT_DOCUMENTS, null,
                request.subjectClient(), AuditOutcome.SUCCESS,
                describe(words, query, to - from, allowed.size(), rows.size() - allowed.size(), verdicts, context));
        // the listing's event is committed while the page's metadata is read (two round trips at once instead of one
        // after the other); the page leaves only once both are done, so no list is ever answered unaudited
        CompletableFuture<?> audited = CompletableFuture.runAsync(() -> audit.appendCommitted(listing), executor);
        List<ListedDocument> items;
        try {
            items = items(allowed.subList(from, to), verdicts.subList(from, to));
        } finally {
            join(audited);
        }
        return new ClientDocumentsPage(items, query.page(), query.size(), allowed.size());
    }

    /** The registers the listed rows are in, each with the bases they were listed on: "{1.2.3=[A, B], 1.2.4=[C]}". */
    private static Map<String, Set<AccessBasis>> listedFrom(List<ListRow> rows, List<AccessVerdict> verdicts) {
        Map<String, Set<AccessBasis>> registers = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            registers.computeIfAbsent(rows.get(i).controller(), r -> EnumSet.noneOf(AccessBasis.class))
                    .add(verdicts.get(i).basis());
        }
        return registers;
    }

    /** The value of work done on the executor, or the failure it ended with, as thrown there. */
    private static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** What refuses the whole list before any row: a use context that does not fit the scope. */
    private ErrorCode refusal(ClientDocumentsScope scope, RequestContext context) {
        AccessProperties.UseContexts useContexts = rules.properties().useContexts();
        String useContext = context.purposeOfUse();
        if (!useContexts.known(useContext)) {
            return ErrorCode.USE_CONTEXT_UNKNOWN;
        }
        boolean sharingContext = useContexts.sharing().contains(useContext);
        if (scope == ClientDocumentsScope.ALL_CONTROLLERS) {
            if (!sharingContext) {
                return ErrorCode.USE_CONTEXT_NOT_FOR_SHARING;
            }
            String justification = context.assertions().broadSearchJustification();
            if (justification != null && !rules.properties().broadSearch().justifications().contains(justification)) {
                return ErrorCode.BROAD_SEARCH_JUSTIFICATION_UNKNOWN;
            }
            return null;
        }
        return sharingContext ? ErrorCode.USE_CONTEXT_NOT_FOR_REGISTER_LIST : null;
    }

    /**
     * The registers of {@link ClientDocumentsScope#REGISTERS}: the own one in an own-register use context, and each
     * organiser's the acting organisation serves the client in today under a register access right (or its deployment
     * test's open window) in a register-access use context (the rules then decide each row's service task).
     */
    private List<String> registers(RequestContext context, ClientFacts client, String acting, LocalDate today) {
        AccessProperties.UseContexts useContexts = rules.properties().useContexts();
        TreeSet<String> registers = new TreeSet<>();
        if (useContexts.ownRegister().contains(context.purposeOfUse())) {
            registers.add(acting);
        }
        if (useContexts.registerAccess().contains(context.purposeOfUse())) {
            registers.addAll(client.registerAccess().organisersServedBy(acting, today));
        }
        List<String> ordered = new ArrayList<>(registers);
        ordered.remove(acting);
        if (registers.contains(acting)) {
            ordered.add(0, acting);
        }
        return ordered;
    }

    /** The mutual cases the rows are attached to, with their parties (one query for the page's rows). */
    private Map<String, MutualCase> mutualCases(List<ListRow> rows) {
        Set<String> caseIds = new HashSet<>();
        for (ListRow row : rows) {
            if (row.caseId() != null) {
                caseIds.add(row.caseId());
            }
        }
        try {
            return parties.cases(caseIds);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The documents could not be listed", e);
        }
    }

    /**
     * A row's facts: its recorded ones, or until they are read the conservative ones (location data assumed), and
     * the mutual case it is attached to.
     */
    private DocumentFacts facts(ListRow row, MutualCase mutualCase) {
        RecordedFacts recorded = row.facts();
        DocumentFacts.Builder facts = DocumentFacts.builder().documentOid(row.documentOid()).setId(row.setId())
                .controller(row.controller()).formerController(row.formerController())
                .originalCustodian(archivedInto(row)).clientId(row.clientId())
                .serviceTask(row.serviceTask()).group(DocumentGroup.ofCode(row.documentGroup()))
                .generalType(row.generalType()).specificType(row.specificType()).authorUnit(row.serviceUnit())
                .caseId(row.caseId()).mutualCase(mutualCase)
                .stageOne(stageOne.stageOne(archivedInto(row),
                        row.archivedAt().atZone(Hl7Timestamp.FINNISH_TIME).toLocalDate()))
                .date((row.effectiveTime() != null ? row.effectiveTime().toInstant() : row.archivedAt())
                        .atZone(Hl7Timestamp.FINNISH_TIME).toLocalDate());
        return recorded != null ? recorded.applyTo(facts).build() : facts.locationData(true).build();
    }

    /** The register the row was archived into: stage 1 is that controller's. */
    private static String archivedInto(ListRow row) {
        return row.formerController() != null ? row.formerController() : row.controller();
    }

    private List<ListedDocument> items(List<ListRow> rows, List<AccessVerdict> verdicts) {
        Map<String, ArchivedDocument> byOid = new HashMap<>();
        try {
            documents.findListed(rows.stream().map(ListRow::documentOid).toList())
                    .forEach(listed -> byOid.put(listed.oid().value(), listed));
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The documents could not be listed", e);
        }
        List<ListedDocument> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ArchivedDocument document = byOid.get(rows.get(i).documentOid());
            if (document != null) {
                AccessVerdict verdict = verdicts.get(i);
                items.add(new ListedDocument(document, verdict.basis(), verdict.relation(), verdict.disclosure()));
            }
        }
        return items;
    }

    private ArchiveException refuse(RequestContext context, String clientId, ClientDocumentsScope scope,
                                    ErrorCode code) {
        String asserted = context.assertions().describe();
        audit.appendCommitted(new AuditEntry(context, AuditOperation.LIST_CLIENT_DOCUMENTS, null, clientId,
                AuditOutcome.DENIED, code.name() + ": " + code.title() + "; scope " + scopeName(scope)
                + "; use context " + context.purposeOfUse() + "; asserted: "
                + (asserted.isEmpty() ? "nothing" : asserted)));
        return new ArchiveException(code, "Listing the client's documents with scope " + scopeName(scope)
                + " is refused: " + code.title());
    }

    /**
     * The listing as the client's log extract needs it: scope and registers, the page, how many the rules allowed
     * and left out, each basis with its count and the disclosures other than whole, the use context and assertions.
     */
    private static String describe(String scope, ClientDocumentsQuery query,
                                   int listed, int allowed, int leftOut, List<AccessVerdict> verdicts,
                                   RequestContext context) {
        Map<AccessBasis, Integer> bases = new EnumMap<>(AccessBasis.class);
        Map<Disclosure, Integer> disclosures = new EnumMap<>(Disclosure.class);
        for (AccessVerdict verdict : verdicts) {
            bases.merge(verdict.basis(), 1, Integer::sum);
            if (verdict.disclosure() != Disclosure.FULL) {
                disclosures.merge(verdict.disclosure(), 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder(scope);
        text.append(", page ").append(query.page()).append(" of size ").append(query.size()).append(", ")
                .append(listed).append(" of ").append(allowed).append(" documents");
        if (leftOut > 0) {
            text.append(", ").append(leftOut).append(" left out by the access rules");
        }
        text.append("; bases ").append(bases.isEmpty() ? "none" : bases.toString());
        if (!disclosures.isEmpty()) {
            text.append(", disclosures ").append(disclosures);
        }
        text.append(DocumentReadService.describeFilters(query));
        text.append("; use context ").append(context.purposeOfUse());
        String asserted = context.assertions().describe();
        text.append("; asserted: ").append(asserted.isEmpty() ? "nothing" : asserted);
        return text.toString();
    }

    static String scopeName(ClientDocumentsScope scope) {
        return scope == ClientDocumentsScope.ALL_CONTROLLERS ? "all-controllers" : "registers";
    }
}

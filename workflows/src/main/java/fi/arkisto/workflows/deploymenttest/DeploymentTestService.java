package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.deploymenttest.Arrival;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.deploymenttest.TestRunRegistration;
import fi.arkisto.store.deploymenttest.TestRunState;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.Warning;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.testkit.deployment.ArrivedDocument;
import fi.arkisto.testkit.deployment.DeploymentTestReport;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.deployment.ReportContent;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.deployment.TestCaseVerifier;
import fi.arkisto.testkit.deployment.TestIdentityPool;
import fi.arkisto.testkit.deployment.VerificationFindings;
import fi.arkisto.workflows.calendar.FinnishBusinessDays;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deployment test's steps over the organisation registry, the test run ledger and the archive (docs/workflows.md):
 * what each process step does, so that the delegates only move values between the process and this service.
 */
public class DeploymentTestService {

    /** The user id the verifier reads the test documents as, in the audit log. */
    public static final String VERIFIER_USER = "arkisto-deployment-test-verifier";
    static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");

    private final OrganisationRegistry registry;
    private final TestRunLedger ledger;
    private final DocumentReadService documents;
    private final AuditLog audit;
    private final FinnishBusinessDays businessDays;
    private final Clock clock;
    private final int reportDueBusinessDays;
    private final TestCaseVerifier verifier = new TestCaseVerifier();
    private final DeploymentTestReport report = new DeploymentTestReport();

    public DeploymentTestService(OrganisationRegistry registry, TestRunLedger ledger, DocumentReadService documents,
                                 AuditLog audit, FinnishBusinessDays businessDays, Clock clock, int reportDueBusinessDays) {
        this.registry = Objects.requireNonNull(registry);
        this.ledger = Objects.requireNonNull(ledger);
        this.documents = Objects.requireNonNull(documents);
        this.audit = Objects.requireNonNull(audit);
        this.businessDays = Objects.requireNonNull(businessDays);
        this.clock = Objects.requireNonNull(clock);
        this.reportDueBusinessDays = reportDueBusinessDays;
    }

    /**
     * Checks a registration against the registry and records it: the organisation's missing identifiers are completed,
     * its systems recorded, its functions PLANNED. Nothing is recorded when the registration is refused.
     *
     * @throws ArchiveException ORGANISATION_NOT_FOUND, INVALID_FIELD_VALUE, ORGANISATION_CONFLICT, DEPLOYMENT_TEST_STATE_CONFLICT
     */
    public TestRun register(Registration r) {
        if (r.functions() == null || r.functions().isEmpty()) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "A registration names at least one function");
        }
        if (r.deploymentLead() == null || r.deploymentLead().isBlank()) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "A registration names the deployment lead");
        }
        boolean registerAccess = r.functions().contains(KantaFunction.REGISTER_ACCESS_RIGHT);
        if (registerAccess != (r.partnerOrganisationId() != null) || registerAccess != (r.partnerSystem() != null)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "The register access right is deployed with its "
                    + "other party (the service provider) and that party's client information system, and only then");
        }
        Organisation organisation = registry.find(r.organisationId()).orElseThrow(() -> new ArchiveException(
                ErrorCode.ORGANISATION_NOT_FOUND, "No organisation " + r.organisationId() + " in the registry"));
        if (r.organisationOid() != null || r.businessId() != null) {
            organisation = registry.identify(organisation.id(), r.businessId(),
                    r.organisationOid() == null ? null : Oid.of(r.organisationOid()));
        }
        if (organisation.organisationOid() == null) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "The registry has no OID for organisation "
                    + organisation.id() + "; the registration must give it");
        }
        LocalDate today = LocalDate.now(clock.withZone(FINLAND));
        for (KantaFunction function : r.functions()) {
            if (organisation.function(function).map(f -> f.state() != FunctionState.PLANNED).orElse(false)) {
                throw new ArchiveException(ErrorCode.DEPLOYMENT_TEST_STATE_CONFLICT, "Function " + function + " of "
                        + organisation.name() + " is " + organisation.function(function).orElseThrow().state() + " already");
            }
        }
        if (r.plannedStart().isBefore(today)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "The planned start date lies in the past");
        }
        String partnerOid = null;
        if (registerAccess) {
            Organisation partner = registry.find(r.partnerOrganisationId()).orElseThrow(() -> new ArchiveException(
                    ErrorCode.ORGANISATION_NOT_FOUND, "No partner organisation " + r.partnerOrganisationId() + " in the registry"));
            if (partner.organisationOid() == null) {
                throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "The registry has no OID for the partner organisation");
            }
            partnerOid = partner.organisationOid().value();
            registry.addSystem(partner.id(), r.partnerSystem());
        }
        registry.addSystem(organisation.id(), r.system());
        for (KantaFunction function : r.functions()) {
            registry.setFunction(organisation.id(), new FunctionUse(function, FunctionState.PLANNED, null));
        }
        return ledger.register(new TestRunRegistration(organisation.id(), r.functions(), r.system(), r.plannedStart(),
                r.deploymentLead().strip(), r.partnerOrganisationId(), r.partnerSystem()),
                organisation.organisationOid().value(), partnerOid, clock.instant());
    }

    public TestRun run(TestRunId id) {
        return ledger.get(id);
    }

    public Organisation organisationOf(TestRun run) {
        return registry.find(run.organisationId()).orElseThrow();
    }

    /** Whether a register access right test of the run's combination of systems was approved before (the DMN input). */
    public boolean combinationPreviouslyTested(TestRunId id) {
        TestRun run = ledger.get(id);
        return run.partnerSystem() != null && ledger.combinationApproved(run.system(), run.partnerSystem());
    }

    public void reject(TestRunId id, String note) {
        TestRun run = ledger.transition(id, EnumSet.of(TestRunState.REGISTERED), TestRunState.REJECTED, note, clock.instant());
        for (KantaFunction function : run.functions()) {
            registry.setFunction(run.organisationId(), new FunctionUse(function, FunctionState.PLANNED, null));
        }
    }

    /** Agrees a test window and hands out test identity codes from the pool; the functions are being tested. */
    public TestRun schedule(TestRunId id, Instant windowStart, Instant windowEnd, int identityCount) {
        if (windowStart == null || windowEnd == null) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "A test window has a start and an end");
        }
        TestRun current = ledger.get(id);
        List<String> identities = TestIdentityPool.handOut(identityCount,
                current.id().value().getMostSignificantBits() ^ (current.attempt() + 1));
        TestRun run = ledger.schedule(id, windowStart, windowEnd, identities);
        Organisation organisation = organisationOf(run);
        for (KantaFunction function : run.functions()) {
            // a function in use stays so while a further combination of it is tested (register access right)
            if (organisation.function(function).map(f -> f.state() != FunctionState.IN_USE).orElse(true)) {
                registry.setFunction(run.organisationId(), new FunctionUse(function, FunctionState.TESTING, null));
            }
        }
        return run;
    }

    /** The window opens: from now on the guard records and checks the organisation's documents. */
    public TestRun open(TestRunId id) {
        return ledger.transition(id, EnumSet.of(TestRunState.SCHEDULED), TestRunState.OPEN, null, clock.instant());
    }

    /** The window closes and the verifier compares what arrived with the test case. */
    public VerificationFindings closeAndVerify(TestRunId id) {
        TestRun run = ledger.transition(id, EnumSet.of(TestRunState.OPEN), TestRunState.CLOSED, null, clock.instant());
        List<ExpectedDocument> expected = TestCaseCatalogue.expectedFor(run.functions());
        List<ArrivedDocument> arrived = new ArrayList<>();
        RequestContext context = new RequestContext(Oid.of(run.organisationOid()), VERIFIER_USER,
                RequestContext.OWN_REGISTER_USE);
        for (Arrival arrival : ledger.arrivals(id, run.attempt())) {
            arrived.add(arrived(arrival, context));
        }
        return verifier.verify(expected, arrived, new HashSet<>(run.identities()));
    }

    /**
     * The archivist's review: the test passed when the verification passed and the archivist confirmed that the
     * documents match what the client system holds.
     *
     * @return whether the test passed
     */
    public boolean recordReview(TestRunId id, boolean verificationPassed, boolean archivistConfirmed, String note) {
        boolean passed = verificationPassed && archivistConfirmed;
        ledger.transition(id, EnumSet.of(TestRunState.CLOSED), passed ? TestRunState.PASSED : TestRunState.FAILED, note,
                clock.instant());
        return passed;
    }

    /** The day the report is due at Kela: two business days after the day the test window closed. */
    public LocalDate reportDue(TestRun run) {
        return businessDays.plusBusinessDays(LocalDate.ofInstant(run.windowEnd(), FINLAND), reportDueBusinessDays);
    }

    /** The first moment the report is late: the start of the day after it was due, Finnish time. */
    public Instant reportLateFrom(TestRun run) {
        return reportDue(run).plusDays(1).atStartOfDay(FINLAND).toInstant();
    }

    /** The report as a PDF. */
    public byte[] report(TestRunId id, VerificationFindings findings, List<String> participants, String archivistNote) {
        TestRun run = ledger.get(id);
        Organisation organisation = organisationOf(run);
        Organisation partner = run.partnerOrganisationId() == null ? null : registry.find(run.partnerOrganisationId()).orElseThrow();
        return report.pdf(new ReportContent(run.id().toString(), run.attempt(), organisation.name(), run.organisationOid(),
                partner == null ? null : partner.name(), run.partnerOrganisationOid(), describe(run.system()),
                run.partnerSystem() == null ? null : describe(run.partnerSystem()),
                run.functions().stream().map(Enum::name).sorted().toList(), run.windowStart(), run.windowEnd(),
                run.plannedStart(), reportDue(run), participants, archivistNote, findings, clock.instant()));
    }

    /** The coordinator approves: every function of the run is in use from the planned start date. */
    public void approve(TestRunId id) {
        TestRun run = ledger.transition(id, EnumSet.of(TestRunState.PASSED), TestRunState.APPROVED, null, clock.instant());
        Organisation organisation = organisationOf(run);
        for (KantaFunction function : run.functions()) {
            // a function in use since earlier keeps its start date
            boolean inUse = organisation.function(function).map(f -> f.state() == FunctionState.IN_USE
                    && f.startDate() != null && !f.startDate().isAfter(run.plannedStart())).orElse(false);
            if (!inUse) {
                registry.setFunction(run.organisationId(), new FunctionUse(function, FunctionState.IN_USE, run.plannedStart()));
            }
        }
    }

    /** The coordinator does not approve: a new window is to be agreed. */
    public void returnForRetest(TestRunId id, String note) {
        ledger.transition(id, EnumSet.of(TestRunState.PASSED), TestRunState.FAILED, note, clock.instant());
    }

    public static String describe(ClientInformationSystem system) {
        return system.product() + " " + system.version() + " (" + system.vendor() + ")";
    }

    private ArrivedDocument arrived(Arrival arrival, RequestContext context) {
        if (arrival.refusalCode() != null) {
            return ArrivedDocument.refused(arrival.documentOid(), arrival.receivedAt(),
                    arrival.refusalCode() + ": " + arrival.refusalDetail());
        }
        try {
            ArchivedDocument document = documents.metadata(new DocumentOid(arrival.documentOid()), context);
            var m = document.metadata();
            Set<String> signatures = document.signatures().stream().filter(SignatureEvidence::valid)
                    .map(s -> s.type().code()).collect(Collectors.toSet());
            return new ArrivedDocument(arrival.documentOid(), arrival.receivedAt(), null, true, true, m.setId(),
                    m.versionNumber(), document.status().name(), m.documentGroup() == null ? null : m.documentGroup().code(),
                    m.generalDocumentType() == null ? null : m.generalDocumentType().code(), m.contentSpecificationId(),
                    signatures, m.clientId() == null ? Set.of() : Set.of(m.clientId()),
                    document.warnings().stream().map(Warning::code).toList());
        } catch (ArchiveException e) {
            if (e.code() == ErrorCode.ACCESS_DENIED) {
                return new ArrivedDocument(arrival.documentOid(), arrival.receivedAt(), null, true, false, null, 0, null,
                        null, null, null, Set.of(), Set.of(), List.of());
            }
            if (e.code() == ErrorCode.DOCUMENT_NOT_FOUND) {
                return ArrivedDocument.refused(arrival.documentOid(), arrival.receivedAt(), refusalOf(arrival.documentOid()));
            }
            throw e;
        }
    }

    /** A document the guard let through but a later archiving stage refused: the audit log says why. */
    private String refusalOf(String documentOid) {
        List<AuditEvent> events = audit.eventsForDocument(documentOid);
        for (int i = events.size() - 1; i >= 0; i--) {
            AuditEvent event = events.get(i);
            if (AuditOperation.ARCHIVE.name().equals(event.operation()) && !AuditOutcome.SUCCESS.name().equals(event.outcome())
                    && !AuditOutcome.DUPLICATE.name().equals(event.outcome())) {
                return event.detail();
            }
        }
        return "not archived";
    }
}

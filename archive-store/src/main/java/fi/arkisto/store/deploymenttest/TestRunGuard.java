package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import fi.arkisto.store.identity.IdentityCodeScanner;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationRegistry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test-run guard (docs/workflows.md, "Deployment test"; kanta.fi: the deployment test "runs in production with test identity codes"):
 * while an organisation's test window is open, every document archived into its register is a test document unless
 * it is plainly one of the organisation's production documents, and a test document carries test identity codes
 * only (individual number 900-999) wherever an identity code can stand. A test document with a real code is refused
 * with {@code REAL_IDENTITY_CODE_IN_TEST}; every test document is recorded with the run, refused or not.
 *
 * <p>A production document is one whose client is a real identity code in the register of an organisation that
 * already archives in production (its {@link KantaFunction#ARCHIVING} in use): testing a further function must not
 * stop its daily archiving. An organisation that does not archive yet has no production documents to protect, so
 * every document of its register is held to the test rules. (A decision of this archive; docs/workflows.md.)
 *
 * <p>Called by the archiving stage ({@link TestRunGuardCheck}); kept apart from it so any intake can call it.
 */
public class TestRunGuard {

    private static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");

    private final TestRunLedger ledger;
    private final OrganisationRegistry registry;
    private final Clock clock;

    public TestRunGuard(TestRunLedger ledger, OrganisationRegistry registry, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger);
        this.registry = Objects.requireNonNull(registry);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Lets the document through, recording it with an open test run of its register, or refuses it.
     *
     * @throws ArchiveException REAL_IDENTITY_CODE_IN_TEST
     */
    public void admit(ParsedDocument document) {
        DocumentMetadata metadata = document.metadata();
        Optional<TestRun> open = runOf(metadata.controllerOid());
        if (open.isEmpty()) {
            return;
        }
        TestRun run = open.get();
        if (isProductionDocument(run, metadata)) {
            return;
        }
        Set<String> codes = new LinkedHashSet<>();
        if (metadata.clientId() != null && PersonalIdentityCode.isValid(metadata.clientId())) {
            codes.add(metadata.clientId());
        }
        codes.addAll(IdentityCodeScanner.scan(document.dom()));
        if (document.isStreamed() && document.structuredForm() != null) {
            codes.addAll(IdentityCodeScanner.scan(document.structuredForm()));
        }
        List<String> real = codes.stream().filter(code -> !IdentityCodeScanner.isTestCode(code)).toList();
        String oid = metadata.documentOid().value();
        if (real.isEmpty()) {
            ledger.recordArrival(run.id(), run.attempt(), oid, clock.instant(), null, null);
            return;
        }
        ArchiveException refusal = new ArchiveException(ErrorCode.REAL_IDENTITY_CODE_IN_TEST, "Deployment test "
                + run.id() + " is running for this register and the document carries " + real.size()
                + " real identity code(s) (individual number below 900): "
                + real.stream().map(IdentityCodeRedaction::maskCode).collect(Collectors.joining(", "))
                + "; a test document may carry test identity codes (900-999) only");
        ledger.recordArrival(run.id(), run.attempt(), oid, clock.instant(), refusal.code().name(), refusal.detail());
        throw refusal;
    }

    private Optional<TestRun> runOf(String controllerOid) {
        if (controllerOid == null) {
            return Optional.empty();
        }
        for (TestRun run : ledger.openCached()) {
            if (controllerOid.equals(run.organisationOid()) || controllerOid.equals(run.partnerOrganisationOid())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    private boolean isProductionDocument(TestRun run, DocumentMetadata metadata) {
        String client = metadata.clientId();
        if (client == null || !PersonalIdentityCode.isValid(client) || IdentityCodeScanner.isTestCode(client)) {
            return false;
        }
        LocalDate today = LocalDate.now(clock.withZone(FINLAND));
        return registry.findByOid(fi.arkisto.store.identity.Oid.of(metadata.controllerOid()))
                .map(o -> o.uses(KantaFunction.ARCHIVING, today)).orElse(false);
    }
}

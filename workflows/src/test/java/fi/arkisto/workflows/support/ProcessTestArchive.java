package fi.arkisto.workflows.support;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.RegisterAccessActing;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.accessrecords.ClientFactsService;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.deploymenttest.TestRunGuard;
import fi.arkisto.store.deploymenttest.RegisterAccessTestWindows;
import fi.arkisto.store.deploymenttest.TestRunGuardCheck;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentLookup;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.DocumentRepository;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.signature.SignatureProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.signature.TrustAnchors;
import fi.arkisto.testkit.pki.CertificateIssuer;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;
import fi.arkisto.store.testsupport.TestDatabase;
import fi.arkisto.store.testsupport.TestObjectStorage;
import fi.arkisto.testkit.pki.TestPki;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The real archive for process tests: a random database on the local PostgreSQL, the embedded S3 server, every
 * archiving-stage check (the test-run guard, signatures against a test PKI, structures, display forms). Its clock is
 * Camunda's, so moving the engine's clock moves the archive's too.
 */
public final class ProcessTestArchive implements AutoCloseable {

    /** Camunda's clock ({@link ClockUtil}) as a {@link Clock}. */
    public static final Clock ENGINE_CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    };

    public final TestDatabase database;
    public final TestObjectStorage storage;
    public final OrganisationRegistry registry;
    public final TestRunLedger ledger;
    public final AuditLog audit;
    public final ArchivingService archiving;
    public final DocumentReadService reading;
    public final RegisterAccessAgreementService agreements;
    public final ClientFactsService clientFacts;
    public final TestPki pki;

    public ProcessTestArchive(Oid organisation, String organisationName, Instant pkiNow) {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        storage = TestObjectStorage.embedded();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
        registry = new OrganisationRegistry(database.dataSource());
        ledger = new TestRunLedger(database.dataSource(), transactions);
        audit = new AuditLog(database.dataSource(), transactions, Clock.systemUTC());
        pki = TestPki.create(organisation, organisationName, 1, pkiNow);
        ObjectStore objects = storage.newObjectStore();
        SignatureProperties signatures = SignatureProperties.withTrustAnchors(null);
        CdaParser parser = new CdaParser();
        // reads and writes decide on the real client facts of this database, as the application's do
        AccessRules rules = new AccessRules(AccessProperties.defaults());
        agreements = new RegisterAccessAgreementService(database.dataSource(), transactions, audit, ENGINE_CLOCK);
        clientFacts = new ClientFactsService(new DocumentLookup(objects, parser, database.dataSource()), agreements,
                database.dataSource(), UnitOrganisation.byRule(), new RegisterAccessTestWindows(ledger));
        archiving = new ArchivingService(parser, List.of(
                new TestRunGuardCheck(new TestRunGuard(ledger, registry, ENGINE_CLOCK)),
                // a provider the organiser's client relationship document names signs for the organiser's register
                new SignatureVerifier(signatures, TrustAnchors.of(List.of(pki.ca().certificate()), List.of(pki.crl())),
                        new RegisterAccessActing(SignatureVerifier.producers(signatures), clientFacts), ENGINE_CLOCK),
                new DisplayFormCheck(new DisplayFormSafety()),
                new StructureCheck(StructureCatalogue.shipped())),
                objects, audit, rules, clientFacts, new DocumentRepository(database.dataSource()), transactions, ENGINE_CLOCK,
                new SimpleAsyncTaskExecutor("process-test-archive-"), 4);
        reading = new DocumentReadService(objects, audit, rules, clientFacts, UnitOrganisation.byRule(),
                parser, database.dataSource(), Clock.system(ZoneId.of("Europe/Helsinki")),
                new SimpleAsyncTaskExecutor("process-test-reads-"));
    }

    /**
     * A system signer with a certificate of this archive's test CA for {@code organisation}: an organisation's client
     * system signs its documents with its own system certificate (a system signature of another organisation is
     * refused, docs/trust.md).
     */
    public SystemSigner systemSignerFor(Oid organisation, String organisationName, Clock clock) {
        KeyPair keys = CertificateIssuer.rsaKeyPair();
        Instant from = clock.instant().minus(Duration.ofDays(1));
        X509Certificate certificate = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject(organisationName, organisation.value(), "Asiakastietojärjestelmä"),
                keys.getPublic(), from, from.plus(Duration.ofDays(730)), List.of(CertificateIssuer.TEST_SYSTEM_POLICY),
                pki.ca().certificate(), pki.ca().keys().getPrivate());
        return new SystemSigner(keys.getPrivate(), certificate, clock);
    }

    @Override
    public void close() {
        storage.close();
        database.close();
    }
}

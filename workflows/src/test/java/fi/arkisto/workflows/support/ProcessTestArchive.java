package fi.arkisto.workflows.support;

import fi.arkisto.store.access.AccessPolicy;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.deploymenttest.TestRunGuard;
import fi.arkisto.store.deploymenttest.TestRunGuardCheck;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.signature.SignatureProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.signature.TrustAnchors;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;
import fi.arkisto.store.testsupport.TestDatabase;
import fi.arkisto.store.testsupport.TestObjectStorage;
import fi.arkisto.testkit.pki.TestPki;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

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
        SignatureProperties signatures = new SignatureProperties(true, null, Duration.ofMinutes(5),
                new SignatureProperties.ProfessionalRequired(List.of("1", "2"), List.of(), List.of()),
                new SignatureProperties.CertificatePolicies(List.of(), List.of()), null);
        CdaParser parser = new CdaParser();
        archiving = new ArchivingService(parser, List.of(
                new TestRunGuardCheck(new TestRunGuard(ledger, registry, ENGINE_CLOCK)),
                new SignatureVerifier(signatures, TrustAnchors.of(List.of(pki.ca().certificate()), List.of(pki.crl())),
                        ENGINE_CLOCK),
                new DisplayFormCheck(new DisplayFormSafety()),
                new StructureCheck(StructureCatalogue.shipped())),
                objects, audit, new AccessPolicy(), database.dataSource(), transactions, ENGINE_CLOCK, 4);
        reading = new DocumentReadService(objects, audit, new AccessPolicy(), parser, database.dataSource());
    }

    @Override
    public void close() {
        archiving.close();
        storage.close();
        database.close();
    }
}

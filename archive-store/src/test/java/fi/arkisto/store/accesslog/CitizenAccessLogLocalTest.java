package fi.arkisto.store.accesslog;

import fi.arkisto.store.LocalServicesTest;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.CitizenReads;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static fi.arkisto.store.accesslog.AccessLogExtractLocalTest.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The citizen's own log extract over the real audit log (docs/access.md, "The citizen's access log"). */
@LocalServicesTest
class CitizenAccessLogLocalTest {

    private static final CitizenLogPolicy BY_DEFAULT = new CitizenLogPolicy(false, false);
    private static final CitizenLogPolicy EVERYTHING = new CitizenLogPolicy(true, true);

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    AccessLogService logs;
    @Autowired
    AuditLog audit;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    private AccessLogExtract lastTwoYears(PersonalIdentityCode citizen, CitizenLogPolicy policy) {
        return logs.citizenPage(citizen, logs.freeFrom(), logs.today(), 0, 50, policy);
    }

    @Test
    void byDefaultTheOrganisationsUsesAreListedNewestFirstWithoutTheProfessionalOrTheCitizensOwnReads() {
        // given a citizen's document archived and read by its controller, then read by the citizen
        PersonalIdentityCode citizen = PersonalIdentityCode.of(KantaSamples.newTestIdentityCode());
        KantaSamples.Builder document = KantaSamples.document().client(citizen.value());
        archiving.archive(document.build(), OWNER);
        DocumentOid oid = DocumentOid.of(document.oidValue());
        reading.metadata(oid, OWNER);
        reading.citizenMetadata(oid, citizen);

        // when the citizen asks for their log by the default policy
        AccessLogExtract extract = lastTwoYears(citizen, BY_DEFAULT);

        // then the controller's read and archiving, newest first, the organisation named and the professional not
        assertThat(extract.entries()).extracting(AccessLogEntry::operation, AccessLogEntry::organisation,
                AccessLogEntry::professional, AccessLogEntry::kind, AccessLogEntry::basis).containsExactly(
                Tuple.tuple("READ_METADATA", OWNER.organisation().value(), null, AccessLogKind.USE, "OWN_REGISTER"),
                Tuple.tuple("ARCHIVE", OWNER.organisation().value(), null, AccessLogKind.USE, "OWN_REGISTER"));
        assertThat(extract.total()).isEqualTo(2);
        // and reading it is audited as the citizen's own use
        assertThat(audit.eventsForClient(citizen.value())).filteredOn(e -> e.operation().equals("READ_ACCESS_LOG"))
                .singleElement().satisfies(e -> {
                    assertThat(e.organisation()).isEqualTo(PersonalIdentityCode.CODE_SYSTEM);
                    assertThat(e.userId()).isEqualTo(citizen.value());
                    assertThat(e.purposeOfUse()).isEqualTo("CITIZEN_OWN");
                    assertThat(e.detail()).startsWith("citizen's own log extract from ").endsWith("2 of 2 entries");
                });
    }

    @Test
    void anOperatorMayNameTheProfessionalsAndListTheCitizensOwnReadsButNeverAnotherPersons() {
        // given the controller's read, the citizen's own read, and another person's refused read of the document
        PersonalIdentityCode citizen = PersonalIdentityCode.of(KantaSamples.newTestIdentityCode());
        PersonalIdentityCode someoneElse = PersonalIdentityCode.of(KantaSamples.newTestIdentityCode());
        KantaSamples.Builder document = KantaSamples.document().client(citizen.value());
        archiving.archive(document.build(), OWNER);
        DocumentOid oid = DocumentOid.of(document.oidValue());
        reading.metadata(oid, OWNER);
        reading.citizenMetadata(oid, citizen);
        assertThatThrownBy(() -> reading.citizenMetadata(oid, someoneElse)).isInstanceOf(ArchiveException.class);
        // and a successful read by another person, as a mutual case's party's read is recorded: under the document's
        // client, in that person's own-use context
        audit.appendCommitted(new AuditEntry(CitizenReads.context(someoneElse), AuditOperation.READ_DISPLAY,
                oid.value(), citizen.value(), AuditOutcome.SUCCESS, "basis CITIZEN_OWN (mutual case party)"));

        // when the log is asked for with both switches on
        AccessLogExtract extract = lastTwoYears(citizen, EVERYTHING);

        // then the professional is named and the citizen's own read is listed as the citizen's
        assertThat(extract.entries()).extracting(AccessLogEntry::operation, AccessLogEntry::organisation,
                AccessLogEntry::professional).containsExactly(
                Tuple.tuple("READ_METADATA", PersonalIdentityCode.CODE_SYSTEM, citizen.value()),
                Tuple.tuple("READ_METADATA", OWNER.organisation().value(), "sosiaalityontekija-7"),
                Tuple.tuple("ARCHIVE", OWNER.organisation().value(), "sosiaalityontekija-7"));
        assertThat(extract.entries()).extracting(AccessLogEntry::professional).doesNotContain(someoneElse.value());
        assertThat(lastTwoYears(citizen, BY_DEFAULT).entries()).extracting(AccessLogEntry::operation)
                .containsExactly("READ_METADATA", "ARCHIVE");
    }

    @Test
    void aPeriodBeyondTwoYearsOrReversedIsRefusedAndNothingIsAudited() {
        PersonalIdentityCode citizen = PersonalIdentityCode.of(KantaSamples.newTestIdentityCode());

        assertThatThrownBy(() -> logs.citizenPage(citizen, logs.freeFrom().minusDays(1), logs.today(), 0, 10,
                BY_DEFAULT)).isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.CITIZEN_ACCESS_LOG_TOO_OLD);
        assertThatThrownBy(() -> logs.citizenPage(citizen, logs.today(), logs.today().minusDays(1), 0, 10,
                BY_DEFAULT)).isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(audit.eventsForClient(citizen.value())).extracting(AuditEvent::operation).isEmpty();
    }

    @Test
    void theCitizensQueriesHaveAnIndexPathAndNeverNeedToScanTheAuditLog() {
        // given the planner told to avoid sequential scans wherever another path exists
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");

        // when the citizen's queries are explained
        List<String> plans = new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute("SET LOCAL enable_seqscan = off");
            return List.of(
                    String.join("\n", jdbc.queryForList("EXPLAIN " + AccessLogQueries.CITIZEN_COUNT, String.class,
                            AccessLogQueries.citizenParameters("010101A900X", from, to, "010101A900X"))),
                    String.join("\n", jdbc.queryForList("EXPLAIN " + AccessLogQueries.CITIZEN_PAGE, String.class,
                            withPage(AccessLogQueries.citizenParameters("010101A900X", from, to, null)))));
        });

        // then the audit log is reached through the client index (the count needs no document at all), and the
        // mutual cases' uses through the citizen's memberships, each case's documents and their events
        assertThat(plans).allSatisfy(plan -> {
            assertThat(plan).doesNotContain("Seq Scan");
            assertThat(plan).contains("audit_event_client_idx").contains("mutual_case_party_party_idx")
                    .contains("document_version_case_idx").contains("audit_event_document_idx");
        });
        assertThat(plans.get(1)).contains("document_version_pk");
    }

    static Object[] withPage(Object[] parameters) {
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = 50;
        all[parameters.length + 1] = 0;
        return all;
    }
}

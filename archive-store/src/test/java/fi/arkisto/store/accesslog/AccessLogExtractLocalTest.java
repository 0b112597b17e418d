package fi.arkisto.store.accesslog;

import fi.arkisto.store.LocalServicesTest;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log extract over the real audit log and document tables (docs/access.md, "Log extracts"). */
@LocalServicesTest
class AccessLogExtractLocalTest {

    static final RequestContext OWNER = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-7", "1");
    static final RequestContext STRANGER = new RequestContext(Oid.of("1.2.246.10.7654321.10.0"), "vieras-7", "1");

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

    private AccessLogRequest lastTwoYears(String client) {
        return new AccessLogRequest(client, logs.freeFrom(), logs.today(), null, 0, 50);
    }

    @Test
    void aReadInTheRegisterIsAUseWithItsBasisAndARefusedReadIsNone() {
        // given a client's document in the controller's register, read by the controller and refused to a stranger
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder document = KantaSamples.document().client(client);
        archiving.archive(document.build(), OWNER);
        DocumentOid oid = DocumentOid.of(document.oidValue());
        reading.metadata(oid, OWNER);
        assertThatThrownBy(() -> reading.metadata(oid, STRANGER)).isInstanceOf(ArchiveException.class);

        // when the controller and the stranger ask for the client's extract
        AccessLogExtract own = logs.page(lastTwoYears(client), OWNER);
        AccessLogExtract strangers = logs.page(lastTwoYears(client), STRANGER);

        // then the controller's lists the archiving and the read, each a use on its own register's basis
        assertThat(own.entries()).extracting(AccessLogEntry::operation, AccessLogEntry::organisation,
                AccessLogEntry::professional, AccessLogEntry::kind, AccessLogEntry::basis).containsExactly(
                Tuple.tuple("ARCHIVE", OWNER.organisation().value(), "sosiaalityontekija-7", AccessLogKind.USE,
                        "OWN_REGISTER"),
                Tuple.tuple("READ_METADATA", OWNER.organisation().value(), "sosiaalityontekija-7", AccessLogKind.USE,
                        "OWN_REGISTER"));
        assertThat(own.entries()).allSatisfy(e -> {
            assertThat(e.documentOid()).isEqualTo(oid.value());
            assertThat(e.register()).isEqualTo(KantaSamples.SAMPLE_CONTROLLER);
            assertThat(e.asserted()).isEqualTo("nothing");
        });
        assertThat(own.total()).isEqualTo(2);
        // the stranger's register holds nothing of the client: its refused read is not listed to it either
        assertThat(strangers.entries()).isEmpty();
        // and each extract is itself audited
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.operation().equals("READ_ACCESS_LOG"))
                .extracting(AuditEvent::organisation).containsExactly(OWNER.organisation().value(),
                        STRANGER.organisation().value());
    }

    @Test
    void aPeriodBeyondTwoYearsWithoutAReasonIsRefusedAndReadsNothing() {
        String client = KantaSamples.newTestIdentityCode();
        LocalDate beyond = logs.freeFrom().minusDays(1);

        assertThatThrownBy(() -> logs.page(new AccessLogRequest(client, beyond, logs.today(), " ", 0, 10), OWNER))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.ACCESS_LOG_REASON_REQUIRED);
        assertThat(audit.eventsForClient(client)).isEmpty();

        AccessLogExtract extract = logs.page(new AccessLogRequest(client, beyond, logs.today(), "oikaisupyyntö", 0, 10),
                OWNER);
        assertThat(extract.reason()).isEqualTo("oikaisupyyntö");
        assertThat(audit.eventsForClient(client)).singleElement().extracting(AuditEvent::detail).asString()
                .endsWith("; reason: oikaisupyyntö");
    }

    @Test
    void aLetterHoldsTheWholePeriodUpToItsBoundAndAboveItIsRefusedUnread() {
        // given a client's document archived and read in the controller's register: two entries
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder document = KantaSamples.document().client(client);
        archiving.archive(document.build(), OWNER);
        reading.metadata(DocumentOid.of(document.oidValue()), OWNER);

        // when / then: a letter of at most one entry is refused with its code, and nothing is audited
        assertThatThrownBy(() -> logs.letter(lastTwoYears(client), OWNER, 1)).isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.ACCESS_LOG_TOO_LARGE);
        assertThat(audit.eventsForClient(client)).noneMatch(e -> e.operation().equals("READ_ACCESS_LOG"));
        // a letter of two holds both, whatever page was asked for
        AccessLogRequest secondPage = new AccessLogRequest(client, logs.freeFrom(), logs.today(), null, 1, 1);
        assertThat(logs.letter(secondPage, OWNER, 2).entries()).hasSize(2);
    }

    @Test
    void theExtractsQueriesHaveAnIndexPathAndNeverNeedToScanTheAuditLog() {
        // given the planner told to avoid sequential scans wherever another path exists
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        String org = KantaSamples.SAMPLE_CONTROLLER;

        // when each query of the extract is explained
        List<String> plans = new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute("SET LOCAL enable_seqscan = off");
            return List.of(
                    String.join("\n", jdbc.queryForList("EXPLAIN " + AccessLogQueries.COUNT, String.class,
                            AccessLogQueries.parameters("010101A900X", from, to, org))),
                    String.join("\n", jdbc.queryForList("EXPLAIN " + AccessLogQueries.PAGE, String.class,
                            CitizenAccessLogLocalTest.withPage(AccessLogQueries.parameters("010101A900X", from, to,
                                    org)))));
        });

        // then the audit log is reached through the client index and each document by its primary key, and the
        // mutual cases' uses through the client's memberships, each case's documents and their events
        assertThat(plans).allSatisfy(plan -> {
            assertThat(plan).doesNotContain("Seq Scan");
            assertThat(plan).contains("mutual_case_party_party_idx").contains("document_version_case_idx")
                    .contains("audit_event_document_idx");
            // (on a test database this small the planner may walk the key's index instead of looking up each event's
            // document; at scale it looks each up, docs/access.md "Log extracts")
            assertThat(plan).contains("audit_event_client_idx").contains("document_version_pk");
            // and the register a document is in now through its controller change assignment's key
            assertThat(plan).contains("controller_assignment_pk").contains("controller_change_pk");
        });
    }
}

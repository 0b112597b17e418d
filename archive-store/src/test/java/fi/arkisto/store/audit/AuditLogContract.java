package fi.arkisto.store.audit;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit chain against a real PostgreSQL: appends are gapless and linked even when concurrent,
 * and any change to stored events made with plain SQL is detected. Each subclass supplies a
 * database of its own, because these tests tamper with the chain.
 */
abstract class AuditLogContract {

    private static final RequestContext CONTEXT = new RequestContext(Oid.of("1.2.246.10.32213561.10.0"), "tester", "1");

    private TestDatabase database;
    private AuditLog audit;
    private JdbcTemplate jdbc;

    protected abstract TestDatabase database();

    @BeforeEach
    void freshChain() {
        database = database();
        jdbc = new JdbcTemplate(database.dataSource());
        tamper("DELETE FROM archive.audit_event");
        jdbc.update("UPDATE archive.audit_chain_head SET last_id = 0, last_hash = ?", "0".repeat(64));
        audit = new AuditLog(database.dataSource(), new DataSourceTransactionManager(database.dataSource()), Clock.systemUTC());
    }

    @Test
    void appendsLinkedGaplessEvents() {
        // given
        append(3);

        // when
        AuditVerification verification = audit.verify();
        List<AuditEvent> events = audit.eventsForClient("200111A904P");

        // then
        assertThat(verification).isEqualTo(new AuditVerification(true, 3, null, null));
        assertThat(events).extracting(AuditEvent::id).containsExactly(1L, 2L, 3L);
        assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
        assertThat(events.get(0).prevHash()).isEqualTo("0".repeat(64));
        assertThat(events.get(2).operation()).isEqualTo("READ_CONTENT");
        assertThat(events.get(2).purposeOfUse()).isEqualTo("1");
    }

    @Test
    void concurrentAppendsFromManyThreadsStayOneChain() throws Exception {
        // given
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> writers = new ArrayList<>();

        // when
        for (int t = 0; t < 4; t++) {
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) {
                    audit.append(entry("doc-" + i));
                }
                audit.appendAll(List.of(entry("a"), entry("b"), entry("c")));
            }, pool));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
        pool.shutdown();

        // then
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 52, null, null));
    }

    @Test
    void twoInstancesAppendingInTurnAndAtOnceKeepOneGaplessChain() throws Exception {
        // given a second instance of the archive on the same database, each having appended once (so each starts its
        // next append from the head it last saw, which the other has moved since)
        AuditLog other = new AuditLog(database.dataSource(), new DataSourceTransactionManager(database.dataSource()),
                Clock.systemUTC());
        audit.appendCommitted(entry("first"));
        other.appendCommitted(entry("second"));

        // when they append in turn, and then from four threads each at once
        for (int i = 0; i < 5; i++) {
            audit.appendCommitted(entry("turn-a-" + i));
            other.appendCommitted(entry("turn-b-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            AuditLog writer = t % 2 == 0 ? audit : other;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) {
                    writer.appendCommitted(entry("at-once-" + i));
                }
            }, pool));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
        pool.shutdown();

        // then every event is in one chain, gapless, its head the last event
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 52, null, null));
        assertThat(jdbc.queryForObject("SELECT last_id FROM archive.audit_chain_head", Long.class)).isEqualTo(52L);
    }

    @Test
    void anEventOfARolledBackTransactionNeverMisleadsTheNextAppend() {
        // given an instance whose last append was in a transaction that rolled back
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        audit.appendCommitted(entry("before"));
        transaction.executeWithoutResult(status -> {
            audit.append(entry("rolled-back"));
            status.setRollbackOnly();
        });

        // when it appends on its own again
        AuditEvent next = audit.appendCommitted(entry("after"));

        // then the event follows the event that was kept, not the one rolled back
        assertThat(next.id()).isEqualTo(2L);
        assertThat(next.prevHash()).isEqualTo(audit.eventsForDocument("before").get(0).hash());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null, null));
    }

    @Test
    void appendJoinsTheCallersTransactionAndRollsBackWithIt() {
        // given
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));

        // when
        transaction.executeWithoutResult(status -> {
            audit.append(entry("rolled-back"));
            status.setRollbackOnly();
        });
        audit.append(entry("kept"));

        // then
        assertThat(audit.eventsForDocument("rolled-back")).isEmpty();
        assertThat(audit.eventsForDocument("kept")).extracting(AuditEvent::id).containsExactly(1L);
        assertThat(audit.verify().valid()).isTrue();
    }

    /** Event 3 altered: its own link or hash no longer holds; renumbered, its successor no longer follows event 2. */
    @ParameterizedTest(name = "altering {0} of an event is detected at event {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "occurred_at = occurred_at + interval '1 microsecond' | 3",
            "organisation = '1.2.246.10.1234567.10.0' | 3",
            "user_id = 'someone-else' | 3",
            "purpose_of_use = '2' | 3",
            "operation = 'READ_METADATA' | 3",
            "document_oid = '1.2.3' | 3",
            "document_oid = NULL | 3",
            "client_id = '010101-900R' | 3",
            "client_id = NULL | 3",
            "outcome = 'DENIED' | 3",
            "detail = 'rewritten' | 3",
            "detail = NULL | 3",
            "prev_hash = hash | 3",
            "hash = prev_hash | 3",
            "id = id + 100 | 4"})
    void alteringAnyColumnIsDetected(String change, long firstBroken) {
        // given
        append(5);

        // when
        tamper("UPDATE archive.audit_event SET " + change + " WHERE id = 3");
        AuditVerification verification = audit.verify();

        // then
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEventId()).isEqualTo(firstBroken);
        assertThat(verification.problem()).isNotBlank();
    }

    @Test
    void deletingAnEventInTheMiddleIsDetected() {
        // given
        append(5);

        // when
        tamper("DELETE FROM archive.audit_event WHERE id = 2");

        // then
        AuditVerification verification = audit.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEventId()).isEqualTo(3L);
    }

    @Test
    void deletingTheNewestEventIsDetected() {
        // given
        append(5);

        // when
        tamper("DELETE FROM archive.audit_event WHERE id = 5");

        // then
        AuditVerification verification = audit.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEventId()).isEqualTo(5L);
        assertThat(verification.problem()).contains("head");
    }

    @Test
    void reorderingEventsIsDetected() {
        // given
        append(5);

        // when: swap events 2 and 4 by renumbering them
        tamper("UPDATE archive.audit_event SET id = -2 WHERE id = 2",
                "UPDATE archive.audit_event SET id = 2 WHERE id = 4",
                "UPDATE archive.audit_event SET id = 4 WHERE id = -2");

        // then
        AuditVerification verification = audit.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEventId()).isEqualTo(2L);
    }

    @Test
    void rehashingAnAlteredEventWithoutTheRestOfTheChainIsDetected() {
        // given
        append(4);
        AuditEvent second = audit.eventsForClient("200111A904P").get(1);
        String forged = AuditChain.hash(second.prevHash(), second.id(), second.occurredAt(), second.organisation(),
                "forger", second.purposeOfUse(), second.operation(), second.documentOid(), second.clientId(),
                second.outcome(), second.detail());

        // when
        tamper("UPDATE archive.audit_event SET user_id = 'forger', hash = '" + forged + "' WHERE id = 2");

        // then
        AuditVerification verification = audit.verify();
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenEventId()).isEqualTo(3L);
    }

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateEvents() {
        // given
        append(2);

        // when / then
        for (String sql : List.of("UPDATE archive.audit_event SET detail = 'x' WHERE id = 1",
                "DELETE FROM archive.audit_event WHERE id = 2", "TRUNCATE archive.audit_event")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute(sql))
                    .hasMessageContaining("append-only");
        }
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null, null));
    }

    /**
     * Changes events as someone with DDL rights on the schema could: with the append-only trigger
     * switched off for the length of one transaction.
     */
    private void tamper(String... statements) {
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())).executeWithoutResult(status -> {
            jdbc.execute("ALTER TABLE archive.audit_event DISABLE TRIGGER audit_event_append_only");
            for (String sql : statements) {
                jdbc.execute(sql);
            }
            jdbc.execute("ALTER TABLE archive.audit_event ENABLE TRIGGER audit_event_append_only");
        });
    }

    private void append(int count) {
        for (int i = 1; i <= count; i++) {
            audit.append(new AuditEntry(CONTEXT, i % 2 == 0 ? AuditOperation.READ_METADATA : AuditOperation.READ_CONTENT,
                    "1.2.246.10.32213561.95777.2026.688883." + i, "200111A904P", AuditOutcome.SUCCESS, "event " + i));
        }
    }

    private static AuditEntry entry(String documentOid) {
        return new AuditEntry(CONTEXT, AuditOperation.ARCHIVE, documentOid, "200111A904P", AuditOutcome.SUCCESS, null);
    }
}

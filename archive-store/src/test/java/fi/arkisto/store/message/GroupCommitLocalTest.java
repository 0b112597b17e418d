package fi.arkisto.store.message;

import fi.arkisto.store.LocalServicesTest;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.Preparation;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Concurrent online submissions are archived together, each with its own outcome, and never wait for nothing. */
@LocalServicesTest
class GroupCommitLocalTest {

    private static final RequestContext OWN_USE = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER),
            "queue-ingest", RequestContext.OWN_REGISTER_USE);
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    @Autowired
    ArchivingService archiving;
    @Autowired
    AuditLog audit;

    private final ExecutorService submitters = Executors.newCachedThreadPool();
    private final List<Integer> groupSizes = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopSubmitters() {
        submitters.shutdownNow();
    }

    @Test
    void submissionsReadyTogetherAreCommittedAsOneGroupEachWithItsOwnOutcome() throws Exception {
        // given two submissions in preparation at once
        GroupCommit groups = groups(16, LONG_WAIT);
        GroupCommit.Turn first = groups.begin();
        GroupCommit.Turn second = groups.begin();
        KantaSamples.Builder a = KantaSamples.document().client(KantaSamples.newTestIdentityCode());
        KantaSamples.Builder b = KantaSamples.document().client(KantaSamples.newTestIdentityCode());

        // when the first is ready it waits for the second, which is still being prepared
        Future<ArchiveOutcome> leader = submitters.submit(() -> first.archive(prepare(a.build()), OWN_USE));
        Thread.sleep(200);
        assertThat(leader).isNotDone();
        ArchiveOutcome follower = second.archive(prepare(b.build()), OWN_USE);

        // then both are archived by one commit: the same archiving instant, each its own document
        ArchiveOutcome led = leader.get(10, TimeUnit.SECONDS);
        assertThat(led.created()).isTrue();
        assertThat(follower.created()).isTrue();
        assertThat(led.document().metadata().documentOid().value()).isEqualTo(a.oidValue());
        assertThat(follower.document().metadata().documentOid().value()).isEqualTo(b.oidValue());
        assertThat(follower.document().archivedAt()).isEqualTo(led.document().archivedAt());
        assertThat(groupSizes).containsExactly(2);
        assertThat(audit.eventsForDocument(a.oidValue())).extracting(AuditEvent::outcome).containsExactly("SUCCESS");
        assertThat(audit.eventsForDocument(b.oidValue())).extracting(AuditEvent::outcome).containsExactly("SUCCESS");
    }

    @Test
    void aRefusalInAGroupIsThrownToItsOwnSubmitterOnly() throws Exception {
        // given an archived document, and a group of a new document and the archived one's OID with other bytes
        KantaSamples.Builder archived = KantaSamples.document();
        archiving.archive(archived.build(), OWN_USE);
        GroupCommit groups = groups(16, LONG_WAIT);
        GroupCommit.Turn good = groups.begin();
        GroupCommit.Turn conflicting = groups.begin();
        KantaSamples.Builder fresh = KantaSamples.document();

        // when
        Future<ArchiveOutcome> goodOutcome = submitters.submit(() -> good.archive(prepare(fresh.build()), OWN_USE));
        Preparation conflict = prepare(archived.marker("other content").build());

        // then
        assertThatThrownBy(() -> conflicting.archive(conflict, OWN_USE)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_CONFLICT));
        assertThat(goodOutcome.get(10, TimeUnit.SECONDS).created()).isTrue();
        assertThat(audit.eventsForDocument(archived.oidValue())).extracting(AuditEvent::outcome)
                .containsExactly("SUCCESS", "REJECTED");
    }

    @Test
    void aLoneSubmissionIsArchivedAtOnce() {
        // given a long wait allowed, and nothing else being prepared
        GroupCommit groups = groups(16, LONG_WAIT);
        byte[] document = KantaSamples.document().build();

        // when / then: it does not wait for a group that nobody would join
        ArchiveOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (GroupCommit.Turn turn = groups.begin()) {
                return turn.archive(prepare(document), OWN_USE);
            }
        });
        assertThat(outcome.created()).isTrue();
    }

    @Test
    void aFullGroupIsCommittedWithoutWaitingForSubmissionsStillInPreparation() {
        // given groups of two, and a third submission that is being prepared and never comes
        GroupCommit groups = groups(2, LONG_WAIT);
        GroupCommit.Turn first = groups.begin();
        GroupCommit.Turn second = groups.begin();
        GroupCommit.Turn straggler = groups.begin();

        // when / then
        List<ArchiveOutcome> outcomes = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Future<ArchiveOutcome> leader = submitters.submit(() -> first.archive(prepare(KantaSamples.document().build()), OWN_USE));
            ArchiveOutcome follower = second.archive(prepare(KantaSamples.document().build()), OWN_USE);
            return List.of(leader.get(), follower);
        });
        straggler.close();
        assertThat(outcomes).extracting(ArchiveOutcome::created).containsExactly(true, true);
        assertThat(groupSizes).containsExactly(2);
        assertThat(outcomes.get(1).document().archivedAt()).isEqualTo(outcomes.get(0).document().archivedAt());
    }

    @Test
    void aLeaderWaitsNoLongerThanTheMaximumWait() {
        // given a submission being prepared that takes longer than the wait allowed
        GroupCommit groups = groups(16, Duration.ofMillis(300));
        GroupCommit.Turn slow = groups.begin();
        byte[] document = KantaSamples.document().build();

        // when
        Instant started = Instant.now();
        ArchiveOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (GroupCommit.Turn turn = groups.begin()) {
                return turn.archive(prepare(document), OWN_USE);
            }
        });

        // then it was archived alone after waiting at least the maximum wait
        assertThat(groupSizes).containsExactly(1);
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(outcome.created()).isTrue();
        slow.close();
    }

    @Test
    void membersActingForDifferentContextsAreEachArchivedForTheirOwn() throws Exception {
        // given two submissions of one group acting for different users
        RequestContext other = new RequestContext(OWN_USE.organisation(), "rest-ingest", RequestContext.OWN_REGISTER_USE);
        GroupCommit groups = groups(16, LONG_WAIT);
        GroupCommit.Turn first = groups.begin();
        GroupCommit.Turn second = groups.begin();
        KantaSamples.Builder a = KantaSamples.document();
        KantaSamples.Builder b = KantaSamples.document();

        // when
        Future<ArchiveOutcome> leader = submitters.submit(() -> first.archive(prepare(a.build()), OWN_USE));
        second.archive(prepare(b.build()), other);
        leader.get(10, TimeUnit.SECONDS);

        // then
        assertThat(audit.eventsForDocument(a.oidValue())).extracting(AuditEvent::userId).containsExactly("queue-ingest");
        assertThat(audit.eventsForDocument(b.oidValue())).extracting(AuditEvent::userId).containsExactly("rest-ingest");
    }

    @Test
    void groupsOfOneArchiveEachSubmissionOnItsOwn() {
        // given batching switched off
        GroupCommit groups = groups(1, LONG_WAIT);
        GroupCommit.Turn other = groups.begin();

        // when / then: no wait even though another submission is being prepared
        ArchiveOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (GroupCommit.Turn turn = groups.begin()) {
                return turn.archive(prepare(KantaSamples.document().build()), OWN_USE);
            }
        });
        other.close();
        assertThat(outcome.created()).isTrue();
        assertThat(groupSizes).isEmpty();
    }

    @Test
    void manyConcurrentSubmittersAllGetTheirOwnArchivedDocument() throws Exception {
        // given
        GroupCommit groups = groups(8, Duration.ofMillis(50));
        List<KantaSamples.Builder> documents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            documents.add(KantaSamples.document().client(KantaSamples.newTestIdentityCode()));
        }

        // when
        List<Future<ArchiveOutcome>> outcomes = new ArrayList<>();
        for (KantaSamples.Builder document : documents) {
            outcomes.add(submitters.submit(() -> {
                try (GroupCommit.Turn turn = groups.begin()) {
                    return turn.archive(prepare(document.build()), OWN_USE);
                }
            }));
        }

        // then
        for (int i = 0; i < documents.size(); i++) {
            ArchiveOutcome outcome = outcomes.get(i).get(60, TimeUnit.SECONDS);
            assertThat(outcome.created()).isTrue();
            assertThat(outcome.document().metadata().documentOid().value()).isEqualTo(documents.get(i).oidValue());
        }
        assertThat(groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(documents.size());
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void aStorageOutageFailsTheWholeGroupAsUnavailableWithoutArchivingEachAloneAgain() throws Exception {
        // given a database that cannot hand out a connection (the group's commit fails as it did in an outage)
        ArchivingService unavailable = Mockito.spy(archiving);
        Mockito.doThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001")))
                .when(unavailable).archivePrepared(ArgumentMatchers.anyList(), ArgumentMatchers.any());
        GroupCommit groups = new GroupCommit(unavailable, new IntakeProperties.Batching(16, LONG_WAIT), groupSizes::add);
        GroupCommit.Turn first = groups.begin();
        GroupCommit.Turn second = groups.begin();

        // when two submissions are archived together
        Future<ArchiveOutcome> leader = submitters.submit(
                () -> first.archive(prepare(KantaSamples.document().build()), OWN_USE));
        Preparation follower = prepare(KantaSamples.document().build());

        // then each is refused as the retryable outage, at once, and none is retried alone
        assertThatThrownBy(() -> second.archive(follower, OWN_USE)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ArchiveException.class)
                .cause().satisfies(e -> assertThat(((ArchiveException) e).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageNotContaining("127.0.0.1");
        Mockito.verify(unavailable, Mockito.never()).archive(ArgumentMatchers.any(Preparation.class),
                ArgumentMatchers.any(RequestContext.class));
    }

    private GroupCommit groups(int maxSize, Duration maxWait) {
        return new GroupCommit(archiving, new IntakeProperties.Batching(maxSize, maxWait), groupSizes::add);
    }

    private Preparation prepare(byte[] document) {
        return archiving.prepare(document, Intake.unspecified(Instant.now()));
    }
}

package fi.arkisto.store.document;

import fi.arkisto.store.ArchiveStoreConfiguration;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import fi.arkisto.store.schedule.ScheduleConfiguration;
import fi.arkisto.store.testsupport.StallingProxy;
import fi.arkisto.store.testsupport.TestDatabase;
import fi.arkisto.store.testsupport.TestObjectStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orphan sweep runs soon after start, once per interval across the instances sharing the store (ShedLock in
 * PostgreSQL), and each sweep is recorded (docs/running.md, "Operations"); real PostgreSQL and the S3 protocol.
 */
class OrphanSweepScheduleTest {

    private static final Duration SOON = Duration.ofMillis(200);
    private static final Duration DAILY = Duration.ofHours(24);

    private TestDatabase database;
    private TestObjectStorage storage;
    private ObjectStore objects;
    private ThreadPoolTaskScheduler scheduler;
    private OrphanSweepLog sweeps;
    private LockProvider locks;

    @BeforeEach
    void start() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        storage = TestObjectStorage.embedded();
        objects = storage.newObjectStore();
        scheduler = new ScheduleConfiguration().arkistoTaskScheduler();
        scheduler.initialize();
        sweeps = new OrphanSweepLog(database.dataSource());
        locks = new ArchiveStoreConfiguration().arkistoLockProvider(database.dataSource());
    }

    @AfterEach
    void stop() {
        scheduler.shutdown();
        objects.close();
        storage.close();
        database.close();
    }

    @Test
    void theFirstSweepRunsSoonAfterStartNotAfterAnIntervalAndIsRecorded() {
        // given: a stray object (bytes whose metadata never committed) and a daily sweep
        String stray = strayObject(objects);
        MeterRegistry meters = new SimpleMeterRegistry();
        OrphanSweepSchedule schedule = schedule(objects, "instance-a", meters);

        // when the application starts
        Instant started = Instant.now();
        schedule.start();
        try {
            // then the sweep runs within moments, removes the object and says so
            await("the first sweep").atMost(Duration.ofSeconds(20)).until(() -> !sweeps.recent(10).isEmpty());
        } finally {
            schedule.stop();
        }
        OrphanSweepLog.Entry sweep = sweeps.recent(10).get(0);
        assertThat(sweep.outcome()).isEqualTo(OrphanSweepLog.Outcome.COMPLETED);
        assertThat(sweep.instance()).isEqualTo("instance-a");
        assertThat(sweep.examined()).isEqualTo(1);
        assertThat(sweep.removed()).isEqualTo(1);
        assertThat(sweep.removedKeys()).containsExactly(stray);
        assertThat(sweep.startedAt()).isAfterOrEqualTo(started.minusSeconds(1)).isBefore(started.plusSeconds(20));
        assertThat(sweep.finishedAt()).isAfterOrEqualTo(sweep.startedAt());
        assertThat(objects.exists(stray)).isFalse();
        assertThat(meters.get("arkisto.orphans.removed").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("arkisto.orphans.sweeps").tag("outcome", "completed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void instancesSharingTheStoreSweepOnceAnIntervalBetweenThem() {
        // given: two instances over the same database and bucket, started together
        String stray = strayObject(objects);
        MeterRegistry metersA = new SimpleMeterRegistry();
        MeterRegistry metersB = new SimpleMeterRegistry();
        OrphanSweepSchedule a = schedule(objects, "instance-a", metersA);
        OrphanSweepSchedule b = schedule(objects, "instance-b", metersB);

        // when both reach their first round
        a.start();
        b.start();
        try {
            await("both first rounds").atMost(Duration.ofSeconds(20))
                    .until(() -> rounds(metersA) == 1 && rounds(metersB) == 1);
        } finally {
            a.stop();
            b.stop();
        }

        // then one swept and the other found the interval's sweep taken
        List<OrphanSweepLog.Entry> recorded = sweeps.recent(10);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).removedKeys()).containsExactly(stray);
        assertThat(count(metersA, "skipped") + count(metersB, "skipped")).isEqualTo(1.0);
        // and a third instance starting later in the same interval does not sweep again
        MeterRegistry metersC = new SimpleMeterRegistry();
        OrphanSweepSchedule c = schedule(objects, "instance-c", metersC);
        c.start();
        try {
            await("the late instance's round").atMost(Duration.ofSeconds(20)).until(() -> rounds(metersC) == 1);
        } finally {
            c.stop();
        }
        assertThat(count(metersC, "skipped")).isEqualTo(1.0);
        assertThat(sweeps.recent(10)).hasSize(1);
    }

    @Test
    void aSweepThatTheObjectStoreFailsIsRecordedAsFailed() {
        // given: the store behind a proxy that stops answering
        URI endpoint = URI.create(storage.properties().endpoint());
        ObjectStoreProperties real = storage.properties();
        MeterRegistry meters = new SimpleMeterRegistry();
        try (StallingProxy proxy = StallingProxy.to(endpoint.getHost(), endpoint.getPort());
             ObjectStore viaProxy = new ObjectStore(new ObjectStoreProperties(proxy.endpoint(), real.accessKey(),
                     real.secretKey(), real.bucket(), null).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                     Duration.ofSeconds(1)))) {
            strayObject(objects);
            proxy.stall();
            OrphanSweepSchedule schedule = schedule(viaProxy, "instance-a", meters);

            // when its round comes
            schedule.start();
            try {
                await("the failed sweep").atMost(Duration.ofSeconds(20)).until(() -> !sweeps.recent(10).isEmpty());
            } finally {
                schedule.stop();
            }
        }

        // then the record says it failed and why, having removed nothing
        OrphanSweepLog.Entry sweep = sweeps.recent(10).get(0);
        assertThat(sweep.outcome()).isEqualTo(OrphanSweepLog.Outcome.FAILED);
        assertThat(sweep.error()).contains("STORAGE_UNAVAILABLE", "Object store could not list");
        assertThat(sweep.removedKeys()).isEmpty();
        assertThat(count(meters, "failed")).isEqualTo(1.0);
    }

    private OrphanSweepSchedule schedule(ObjectStore store, String instance, MeterRegistry meters) {
        OrphanObjectSweeper sweeper = new OrphanObjectSweeper(store, database.dataSource(), Clock.systemUTC(),
                Duration.ZERO);
        return new OrphanSweepSchedule(sweeper, sweeps, locks, scheduler, SOON, DAILY, instance, Clock.systemUTC(),
                meters);
    }

    private static String strayObject(ObjectStore store) {
        byte[] bytes = ("stray " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String sha = ContentHash.sha256Hex(bytes);
        String key = ObjectStore.documentKey(sha);
        store.put(key, bytes, sha);
        return key;
    }

    private static double rounds(MeterRegistry meters) {
        return count(meters, "completed") + count(meters, "skipped") + count(meters, "failed");
    }

    private static double count(MeterRegistry meters, String outcome) {
        var counter = meters.find("arkisto.orphans.sweeps").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

package fi.arkisto.store.object;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.StallingProxy;
import fi.arkisto.store.testsupport.TestObjectStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A store that stops answering fails the archive's calls within the configured timeouts, as the retryable
 * STORAGE_UNAVAILABLE, instead of holding a thread (docs/running.md, "Operations").
 */
class ObjectStoreTimeoutTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private static TestObjectStorage storage;

    @BeforeAll
    static void start() {
        storage = TestObjectStorage.embedded();
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @Test
    void theDefaultTimeoutsAreSecondsNotMinutes() {
        ObjectStoreProperties defaults = new ObjectStoreProperties("http://127.0.0.1:9000", "a", "b", "bucket", null);

        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aZeroTimeoutWhichWouldMeanForeverIsRefused() {
        assertThatThrownBy(() -> new ObjectStoreProperties("http://127.0.0.1:9000", "a", "b", "bucket", null, null,
                null, Duration.ZERO, null)).hasMessageContaining("arkisto.s3.read-timeout must be positive");
    }

    @Test
    void aStoreThatAcceptsConnectionsButNeverAnswersFailsWithinTheReadTimeout() {
        try (StallingProxy silent = StallingProxy.silent()) {
            // given: a server that accepts and never answers, and a read timeout of one second
            ObjectStoreProperties properties = new ObjectStoreProperties(silent.endpoint(), "a", "b", "bucket", null)
                    .withTimeouts(SHORT, SHORT, SHORT);

            // when the store is first used (its bucket check) / then it fails as retryable, in about a second
            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> new ObjectStore(properties))
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStoreThatStopsAnsweringMidUseFailsWritesWithinTheReadTimeout() {
        ObjectStoreProperties real = storage.properties();
        URI endpoint = URI.create(real.endpoint());
        try (StallingProxy proxy = StallingProxy.to(endpoint.getHost(), endpoint.getPort());
             ObjectStore store = new ObjectStore(new ObjectStoreProperties(proxy.endpoint(), real.accessKey(),
                     real.secretKey(), "arkisto-timeout-" + System.nanoTime(), null).withTimeouts(SHORT, SHORT, SHORT))) {
            // given: a store that answered
            byte[] bytes = "ennen katkosta".getBytes(StandardCharsets.UTF_8);
            String sha = ContentHash.sha256Hex(bytes);
            store.put(ObjectStore.documentKey(sha), bytes, sha);

            // when it stops answering
            proxy.stall();
            byte[] more = "katkoksen aikana".getBytes(StandardCharsets.UTF_8);
            String moreSha = ContentHash.sha256Hex(more);
            long started = System.nanoTime();

            // then a write fails as retryable within seconds
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
                    () -> store.put(ObjectStore.documentKey(moreSha), more, moreSha))
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aReachabilityCheckIsBoundedByItsOwnTimeoutWhateverTheReadTimeout() {
        ObjectStoreProperties real = storage.properties();
        URI endpoint = URI.create(real.endpoint());
        try (StallingProxy proxy = StallingProxy.to(endpoint.getHost(), endpoint.getPort());
             // the default 30 s read timeout: only the check's own limit can end it sooner
             ObjectStore store = new ObjectStore(new ObjectStoreProperties(proxy.endpoint(), real.accessKey(),
                     real.secretKey(), "arkisto-probe-" + System.nanoTime(), null))) {
            // given: the check passes while the store answers
            store.checkReachable(Duration.ofSeconds(2));

            // when it stops answering
            proxy.stall();
            long started = System.nanoTime();

            // then the check fails within its 500 ms, not the 30 s read timeout
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                    () -> store.checkReachable(Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(ArchiveException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}

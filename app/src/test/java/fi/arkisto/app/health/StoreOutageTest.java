package fi.arkisto.app.health;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.embedded.EmbeddedPostgresServer;
import fi.arkisto.store.testsupport.StallingProxy;
import fi.arkisto.store.testsupport.TestObjectStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application over a PostgreSQL and an object store of its own that the test takes away (the machine's
 * shared PostgreSQL is never touched): while a store is gone, readiness is DOWN within its timeout, liveness stays
 * UP, and every operation answers 503 STORAGE_UNAVAILABLE with Retry-After, never a 500 (docs/running.md,
 * "Operations", "Health"). The object store outage comes first and is healed; the database outage ends the context.
 */
@ContextConfiguration(initializers = StoreOutageTest.OwnStores.class, inheritInitializers = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreOutageTest extends ApiIntegrationTest {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    /**
     * A probe answers within the check's timeout plus the time to answer at all: well below the pool's wait for a
     * connection ({@link #POOL_WAIT}), which is what an unbounded database check would wait out.
     */
    private static final Duration PROBE_BOUND = HEALTH_TIMEOUT.plusSeconds(3);
    private static final Duration POOL_WAIT = Duration.ofSeconds(10);
    private static final Path POSTGRES_DATA = temporaryDirectory();
    private static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.start(POSTGRES_DATA, 0);
    private static final TestObjectStorage S3 = TestObjectStorage.embedded();
    private static final StallingProxy S3_PROXY = StallingProxy.to("127.0.0.1",
            URI.create(S3.properties().endpoint()).getPort());

    /** The database and the object store of this test alone, the store behind a proxy the test can stall. */
    static final class OwnStores implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            POSTGRES.createDatabaseIfMissing("arkisto");
            TestPropertyValues.of(
                    "spring.datasource.url=" + POSTGRES.jdbcUrl("arkisto"),
                    "spring.datasource.username=" + EmbeddedPostgresServer.USER,
                    "spring.datasource.password=",
                    // a request waits this long for a connection of a database that is gone, then answers 503
                    "spring.datasource.hikari.connection-timeout=" + POOL_WAIT.toMillis(),
                    "arkisto.s3.endpoint=" + S3_PROXY.endpoint(),
                    "arkisto.s3.access-key=" + S3.properties().accessKey(),
                    "arkisto.s3.secret-key=" + S3.properties().secretKey(),
                    "arkisto.s3.bucket=" + S3.properties().bucket(),
                    "arkisto.s3.read-timeout=2s",
                    "arkisto.s3.write-timeout=2s",
                    "arkisto.health.timeout=" + HEALTH_TIMEOUT.toMillis() + "ms",
                    // the database circuit stays open for the rest of the test once it has opened
                    "arkisto.health.database-fail-fast=5m",
                    "arkisto.store.orphan-sweep-interval=0").applyTo(context);
        }
    }

    @AfterAll
    static void stopStores() {
        S3_PROXY.close();
        S3.close();
        try {
            POSTGRES.close();
        } catch (RuntimeException alreadyStopped) {
            // the database outage stopped it
        }
        FileSystemUtils.deleteRecursively(POSTGRES_DATA.toFile());
    }

    @Test
    @Order(1)
    void withBothStoresUpReadinessAndLivenessAreUp() {
        // the first request of a fresh server initialises the endpoint: not what the bound is about
        send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());

        assertProbe("/actuator/health/readiness", 200, "UP");
        assertProbe("/actuator/health/liveness", 200, "UP");
    }

    @Test
    @Order(2)
    void anObjectStoreThatStopsAnsweringTakesReadinessDownAndArchivingAnswers503UntilItIsBack() {
        // given: a document the archive would take
        byte[] document = signed(derivedDocument());

        // when the object store stops answering
        S3_PROXY.stall();
        try {
            // then readiness is DOWN within its bound, liveness stays UP
            assertProbe("/actuator/health/readiness", 503, "DOWN");
            assertProbe("/actuator/health/liveness", 200, "UP");
            // and archiving is the retryable 503 within the store's timeouts, not a hang nor a 500
            HttpResponse<byte[]> refused = timed(() -> archive(document), Duration.ofSeconds(20));
            assertStorageUnavailable(refused);
        } finally {
            S3_PROXY.resume();
        }

        // and once the store answers again, the instance is ready and the same document archives
        await("readiness after the store is back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build())
                        .statusCode() == 200);
        HttpResponse<byte[]> archived = archive(document);
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
    }

    @Test
    @Order(3)
    void aDatabaseThatGoesAwayTakesReadinessDownAndEveryOperationAnswers503NotInternalError() {
        // given: a document to archive and one to read
        byte[] document = signed(derivedDocument());
        String unknownDocument = derivedDocument().oidValue();

        // when the database stops
        POSTGRES.close();

        // then readiness is DOWN within its bound, not after the pool's wait; liveness stays UP
        assertProbe("/actuator/health/readiness", 503, "DOWN");
        assertProbe("/actuator/health/liveness", 200, "UP");
        // and each kind of operation is the retryable 503 with its code: the first one within one wait of the pool
        // for a connection (one, although archiving asks for several), the others at once, the circuit being open
        assertStorageUnavailable(timed(() -> archive(document), POOL_WAIT.plusSeconds(5)));
        Duration bound = Duration.ofSeconds(3);
        assertStorageUnavailable(timed(() -> send(asOwnClient("/api/v1/documents/" + unknownDocument + "/metadata")
                .GET().build()), bound));
        assertStorageUnavailable(timed(() -> send(asOwnClient("/api/v1/clients/" + SAMPLE_CLIENT + "/documents")
                .GET().build()), bound));
        assertStorageUnavailable(timed(() -> send(asOwnClient("/api/v1/organisations").GET().build()), bound));
        assertStorageUnavailable(timed(() -> send(authenticated("/api/v1/audit/verification", AUDITOR_CLIENT)
                .GET().build()), bound));
    }

    private void assertProbe(String path, int status, String health) {
        HttpResponse<byte[]> probe = timed(() -> send(HttpRequest.newBuilder(uri(path)).GET().build()), PROBE_BOUND);
        assertThat(probe.statusCode()).as(path + ": " + text(probe)).isEqualTo(status);
        assertThat(json(probe).path("status").asText()).as(path).isEqualTo(health);
    }

    private static void assertStorageUnavailable(HttpResponse<byte[]> response) {
        JsonNode problem = assertProblem(response, 503, "STORAGE_UNAVAILABLE");
        assertThat(problem.path("title").asText()).contains("retry later");
        assertThat(response.headers().firstValue("Retry-After")).as(response.uri().toString()).hasValue("5");
    }

    private static <T> T timed(Supplier<T> call, Duration bound) {
        long started = System.nanoTime();
        T result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered within " + bound).isLessThan(bound);
        return result;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("arkisto-outage-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

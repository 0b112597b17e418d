package fi.arkisto.app.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import fi.arkisto.app.packaged.PackagedJar.RunningServer;
import fi.arkisto.app.support.ApiIntegrationTest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One fault drill's archive: the packaged jar run as a process on {@link DrillStores} of the test's own, with a
 * RabbitMQ queue channel on the machine's broker under queue names of its own, API clients, an auditor and a
 * monitoring credential, and an orphan sweep every {@link #SWEEP_INTERVAL} with a short grace period so that the
 * drill can wait for a sweep after its load. Starts, SIGKILLs and restarts the process on the same port and stores.
 */
final class Drill implements AutoCloseable {

    static final String ORGANISATION = ApiIntegrationTest.CONTROLLER;
    static final String CLIENT = "drill-cis";
    static final String AUDITOR = "drill-auditor";
    static final String SCRAPER = "drill-scraper";
    static final String PASSWORD = "drill-only-password-" + UUID.randomUUID();
    /** Far above any archiving in flight in the drill (the S3 and database waits below are seconds). */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(20);
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);
    static final String RABBIT_HOST = "127.0.0.1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path directory;
    private final DrillStores stores;
    private final PackagedJar jar;
    private final int port;
    private final String queuePrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningServer server;

    Drill(String name, Path directory) throws IOException {
        this.name = name;
        this.directory = directory;
        this.stores = new DrillStores(directory);
        this.jar = PackagedFixtures.jar(directory);
        this.port = PackagedJar.freePort();
        this.queuePrefix = "arkisto.drill." + name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    String name() {
        return name;
    }

    DrillStores stores() {
        return stores;
    }

    HttpClient http() {
        return http;
    }

    /** Starts the archive and waits until it answers health; answers how long that took. */
    Duration start() throws Exception {
        long started = System.nanoTime();
        server = jar.startServer(port, directory.resolve("data"), options().toArray(String[]::new));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, connections to the stores and the broker just end. */
    void kill() throws InterruptedException {
        server.kill();
    }

    String log() throws IOException {
        return server.log();
    }

    private List<String> options() {
        List<String> options = new ArrayList<>(stores.serverOptions());
        options.addAll(List.of(
                // a store that stops answering fails a call within seconds (as StoreOutageTest sets them)
                "--arkisto.s3.connect-timeout=2s", "--arkisto.s3.read-timeout=2s", "--arkisto.s3.write-timeout=2s",
                "--arkisto.health.timeout=1s",
                "--arkisto.signature.trust-anchors=" + ApiIntegrationTest.signatureProperties()
                        .get("arkisto.signature.trust-anchors"),
                "--arkisto.security.api-clients[0].name=" + CLIENT,
                "--arkisto.security.api-clients[0].password=" + PASSWORD,
                "--arkisto.security.api-clients[0].organisations[0]=" + ORGANISATION,
                "--arkisto.security.api-clients[1].name=" + AUDITOR,
                "--arkisto.security.api-clients[1].password=" + PASSWORD,
                "--arkisto.security.api-clients[1].organisations[0]=*",
                "--arkisto.security.api-clients[1].auditor=true",
                "--arkisto.security.monitoring.name=" + SCRAPER,
                "--arkisto.security.monitoring.password=" + PASSWORD,
                "--arkisto.ingest.queue.enabled=true",
                "--spring.rabbitmq.host=" + RABBIT_HOST, "--spring.rabbitmq.port=5672",
                "--spring.rabbitmq.username=guest", "--spring.rabbitmq.password=guest",
                "--arkisto.ingest.queue.exchange=" + exchange(),
                "--arkisto.ingest.queue.request-queue=" + requestQueue(),
                "--arkisto.ingest.queue.dead-letter-queue=" + deadLetterQueue(),
                // the queue waits out an outage (the default 10 min); its back-off capped low so that the drill's
                // recovery is the archive's, not a 30 s wait that happened to begin just before the store came back
                "--arkisto.ingest.retry.transient-max-delay=4s",
                "--arkisto.store.orphan-grace-period=" + ORPHAN_GRACE.toSeconds() + "s",
                "--arkisto.store.orphan-sweep-initial-delay=2s",
                "--arkisto.store.orphan-sweep-interval=" + SWEEP_INTERVAL.toSeconds() + "s"));
        return options;
    }

    String exchange() {
        return queuePrefix;
    }

    String requestQueue() {
        return queuePrefix + ".requests";
    }

    String deadLetterQueue() {
        return queuePrefix + ".dead-letter";
    }

    Connection newBrokerConnection() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RABBIT_HOST);
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection("arkisto-drill-" + name);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request of the drill's client system for its organisation, with the request context. */
    HttpRequest.Builder asClient(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", PackagedFixtures.basic(CLIENT, PASSWORD))
                .header("X-Organisation-Oid", ORGANISATION).header("X-User-Id", "drill-professional")
                .header("X-Purpose-Of-Use", "1");
    }

    JsonNode get(String path, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", PackagedFixtures.basic(user, PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The audit chain as the auditor's verification sees it: {@code {valid, events}}. */
    JsonNode auditVerification() throws IOException, InterruptedException {
        return get("/api/v1/audit/verification", AUDITOR);
    }

    /** One row of {@code GET /actuator/orphansweeps}. */
    record Sweep(long id, Instant startedAt, String outcome, int examined, int removed) {
    }

    List<Sweep> sweeps() throws IOException, InterruptedException {
        List<Sweep> sweeps = new ArrayList<>();
        for (JsonNode sweep : get("/actuator/orphansweeps", SCRAPER)) {
            sweeps.add(new Sweep(sweep.path("id").asLong(), Instant.parse(sweep.path("startedAt").asText()),
                    sweep.path("outcome").asText(), sweep.path("examined").asInt(), sweep.path("removed").asInt()));
        }
        return sweeps;
    }

    /** Waits for a sweep that started after {@code after} to be recorded with this outcome. */
    Sweep awaitSweep(Instant after, String outcome, Duration timeout) {
        return await("an orphan sweep started after " + after).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> sweeps().stream().filter(s -> s.startedAt().isAfter(after) && s.outcome().equals(outcome))
                        .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** Waits until the archive says it is ready again (both stores answer). */
    void awaitReady(Duration timeout) {
        await("readiness").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    /** Messages waiting in a queue of this drill. */
    long ready(String queue) throws Exception {
        try (Connection connection = newBrokerConnection(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
            try (Connection connection = newBrokerConnection(); Channel channel = connection.createChannel()) {
                channel.queueDelete(requestQueue());
                channel.queueDelete(deadLetterQueue());
                channel.exchangeDelete(exchange());
                channel.exchangeDelete(exchange() + ".dlx");
            }
        } finally {
            stores.close();
        }
    }
}

package fi.arkisto.routes.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.RabbitMQContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One ingestion test environment per JVM and kind, shared by every Spring test using the same initializer (so the
 * context cache shares one application context): the archive store's database and S3 (h2's test support), a
 * RabbitMQ broker with randomly named queues, and a fresh file inbox. Queues, exchanges and the inbox are removed
 * at JVM exit so parallel helpers and repeated runs never collide.
 */
public final class IngestTestEnvironment {

    private static IngestTestEnvironment local;
    private static IngestTestEnvironment containers;

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Path inbox;
    private final String prefix;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final RabbitMQContainer container;

    private IngestTestEnvironment(ArchiveStoreTestEnvironment store, String host, int port, String user, String password,
                                  RabbitMQContainer container) {
        this.container = container;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.prefix = "arkisto.test." + UUID.randomUUID().toString().substring(0, 8);
        try {
            this.inbox = Files.createTempDirectory("arkisto-inbox-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        properties.putAll(store.properties());
        properties.put("spring.rabbitmq.host", host);
        properties.put("spring.rabbitmq.port", String.valueOf(port));
        properties.put("spring.rabbitmq.username", user);
        properties.put("spring.rabbitmq.password", password);
        properties.put("arkisto.ingest.file.inbox", inbox.toString());
        properties.put("arkisto.ingest.file.read-lock-min-age", "200ms");
        properties.put("arkisto.ingest.file.poll-delay", "100ms");
        properties.put("arkisto.ingest.queue.enabled", "true");
        properties.put("arkisto.ingest.queue.exchange", prefix);
        properties.put("arkisto.ingest.queue.request-queue", prefix + ".requests");
        properties.put("arkisto.ingest.queue.dead-letter-queue", prefix + ".dead-letter");
        properties.put("arkisto.ingest.queue.consumers", "3");
        properties.put("arkisto.ingest.retry.max-redeliveries", "2");
        properties.put("arkisto.ingest.retry.delay", "50ms");
        // a store outage is waited out for 2 s (12 redeliveries: 50, 100, then 200 ms each)
        properties.put("arkisto.ingest.retry.transient-for", "2s");
        properties.put("arkisto.ingest.retry.transient-delay", "50ms");
        properties.put("arkisto.ingest.retry.transient-max-delay", "200ms");
        // channel tests submit documents derived from the signed sample (their signatures no longer verify):
        // signature verification is h4's archiving-stage check and is tested there
        properties.put("arkisto.signature.enabled", "false");
        // after Spring has closed the contexts consuming the queues (see ArchiveStoreTestEnvironment)
        SpringApplication.getShutdownHandlers().add(this::cleanUp);
    }

    /** Local PostgreSQL and embedded S3 (h2's test support), the local RabbitMQ at 127.0.0.1:5672. */
    public static synchronized IngestTestEnvironment local() {
        if (local == null) {
            local = new IngestTestEnvironment(ArchiveStoreTestEnvironment.local(), "127.0.0.1", 5672, "guest", "guest", null);
        }
        return local;
    }

    /** Testcontainers PostgreSQL, MinIO and RabbitMQ; only where Docker is available. */
    @SuppressWarnings("resource")
    public static synchronized IngestTestEnvironment containers() {
        if (containers == null) {
            RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-management");
            rabbit.start();
            containers = new IngestTestEnvironment(ArchiveStoreTestEnvironment.containers(), rabbit.getHost(),
                    rabbit.getAmqpPort(), rabbit.getAdminUsername(), rabbit.getAdminPassword(), rabbit);
        }
        return containers;
    }

    /** The Spring properties of this environment (store, broker, inbox, queue names). */
    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    public Path inbox() {
        return inbox;
    }

    public String requestQueue() {
        return prefix + ".requests";
    }

    public String deadLetterQueue() {
        return prefix + ".dead-letter";
    }

    public String exchange() {
        return prefix;
    }

    /** The broker as an AMQP URI with its user (the password apart, as {@code replay-dead-letters} takes it). */
    public String amqpUri() {
        return "amqp://" + user + "@" + host + ":" + port;
    }

    public String brokerPassword() {
        return password;
    }

    /** A plain AMQP connection for tests that publish and consume as a client system would. */
    public Connection newConnection() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(host);
            factory.setPort(port);
            factory.setUsername(user);
            factory.setPassword(password);
            return factory.newConnection("arkisto-test-client");
        } catch (Exception e) {
            throw new IllegalStateException("No RabbitMQ at " + host + ":" + port, e);
        }
    }

    /**
     * Stops the broker application ({@code rabbitmqctl stop_app}: every connection drops, the node keeps only what
     * is durable) — on this machine's own service, or inside the Testcontainers broker. Pair with {@link #startBroker(Duration)}
     * in a finally block: the local broker is shared by everything on the machine.
     */
    public void stopBroker() {
        rabbitmqctl("stop_app");
    }

    /** Starts the broker application again and returns once it accepts AMQP connections (bounded wait). */
    public void startBroker(Duration timeout) {
        rabbitmqctl("start_app");
        await("the broker at " + host + ":" + port + " accepts AMQP connections again").atMost(timeout).until(() -> {
            try (Connection connection = newConnection()) {
                return connection.isOpen();
            } catch (RuntimeException | IOException e) {
                return false;
            }
        });
    }

    private void rabbitmqctl(String command) {
        try {
            if (container != null) {
                Container.ExecResult result = container.execInContainer("rabbitmqctl", command);
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + command + ": " + result.getStderr());
                }
                return;
            }
            Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl " + command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during rabbitmqctl " + command, e);
        }
    }

    private void cleanUp() {
        try (Connection connection = newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(requestQueue());
            channel.queueDelete(deadLetterQueue());
            channel.exchangeDelete(prefix);
            channel.exchangeDelete(prefix + ".dlx");
        } catch (Exception ignored) {
            // the broker may be gone already
        }
        try (Stream<Path> files = Files.walk(inbox)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }

    public static final class Local implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(local().properties).applyTo(context);
        }
    }

    public static final class Containers implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(containers().properties).applyTo(context);
        }
    }
}

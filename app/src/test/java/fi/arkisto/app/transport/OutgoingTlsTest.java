package fi.arkisto.app.transport;

import ch.qos.logback.classic.Level;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import fi.arkisto.app.support.TcpRelay;
import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.embedded.EmbeddedPostgresServer;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import fi.arkisto.testkit.pki.CertificateIssuer;
import fi.arkisto.store.testsupport.KantaSamples;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The archive's outgoing connections over TLS, configured as docs/running.md says: PostgreSQL with
 * {@code sslmode=verify-full} against a PostgreSQL of this test that speaks TLS with the test PKI's server certificate,
 * S3 over https against an s3proxy with that certificate (and no plain endpoint) trusted through an SSL bundle, and
 * AMQPS to the machine's shared RabbitMQ through a TLS-terminating relay of this test (the broker's own configuration
 * is not the tests' to change). Each connection would fail without its TLS settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arkisto.security.api-clients[0].name=tls-test-cis",
        "arkisto.security.api-clients[0].password=" + OutgoingTlsTest.PASSWORD,
        "arkisto.security.api-clients[0].organisations[0]=" + TlsTestPki.CONTROLLER,
        "arkisto.ingest.queue.consumers=1",
        "camunda.bpm.job-execution.enabled=false",
        "logging.level.org.camunda=WARN"})
class OutgoingTlsTest {

    static final String PASSWORD = "test-only-password-1";
    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final String S3_ACCESS = "tls-test-access";
    private static final String S3_SECRET = "tls-test-secret-" + UUID.randomUUID();
    private static final String PREFIX = "arkisto.test.tls." + UUID.randomUUID().toString().substring(0, 8);
    private static final Services SERVICES = Services.start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void outgoingTls(DynamicPropertyRegistry registry) throws IOException {
        Path ca = PKI.directory().resolve("ca.pem");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + SERVICES.postgres.port()
                + "/postgres?sslmode=verify-full&sslrootcert=" + ca);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.ssl.bundle.pem.outgoing.truststore.certificate", () -> "file:" + ca);
        registry.add("arkisto.s3.endpoint", () -> "https://localhost:" + SERVICES.s3.getSecurePort());
        registry.add("arkisto.s3.access-key", () -> S3_ACCESS);
        registry.add("arkisto.s3.secret-key", () -> S3_SECRET);
        registry.add("arkisto.s3.bucket", () -> "arkisto-tls-test");
        registry.add("arkisto.s3.ssl-bundle", () -> "outgoing");
        registry.add("spring.rabbitmq.host", () -> "localhost");
        registry.add("spring.rabbitmq.port", SERVICES.amqps::port);
        registry.add("spring.rabbitmq.ssl.enabled", () -> "true");
        registry.add("spring.rabbitmq.ssl.bundle", () -> "outgoing");
        registry.add("arkisto.ingest.queue.enabled", () -> "true");
        registry.add("arkisto.ingest.queue.exchange", () -> PREFIX);
        registry.add("arkisto.ingest.queue.request-queue", () -> PREFIX + ".requests");
        registry.add("arkisto.ingest.queue.dead-letter-queue", () -> PREFIX + ".dead-letter");
        PKI.signatureProperties().forEach((key, value) -> registry.add(key, () -> value));
        String data = Files.createTempDirectory("arkisto-outgoing-tls-data").toString();
        registry.add("arkisto.data-dir", () -> data);
    }

    @AfterAll
    static void removeTheQueues() throws Exception {
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            channel.queueDelete(PREFIX + ".requests");
            channel.queueDelete(PREFIX + ".dead-letter");
            channel.exchangeDelete(PREFIX);
            channel.exchangeDelete(PREFIX + ".dlx");
        }
    }

    @Test
    void theDatabaseConnectionsAreTlsVerifiedAgainstTheConfiguredCa() throws Exception {
        // the archive's own connections are encrypted
        Map<String, Object> ssl = jdbc.queryForMap("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        assertThat(ssl).containsEntry("ssl", true);
        assertThat(ssl.get("version")).isEqualTo("TLSv1.3");

        // and verify-full means the server's certificate is checked: under another CA the same URL fails
        Path strangerCa = Files.writeString(PKI.directory().resolve("stranger-ca.pem"),
                CertificateIssuer.pem(PKI.newcomer().ca().certificate()));
        Properties user = new Properties();
        user.setProperty("user", "postgres");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + SERVICES.postgres.port()
                + "/postgres?sslmode=verify-full&sslrootcert=" + strangerCa, user).close())
                .hasMessageContaining("SSL");
    }

    @Test
    void documentBytesGoToS3OverHttpsTrustedThroughTheBundle() throws Exception {
        // given a document archived and read back through the API: its bytes went to S3 and came back, over https
        String oid = KantaSamples.newOid();
        byte[] document = PKI.signed(KantaSamples.document().oid(oid));
        HttpResponse<byte[]> archived = http.send(request("/api/v1/documents").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(archived.statusCode()).as(new String(archived.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        HttpResponse<byte[]> original = http.send(request("/api/v1/documents/" + oid).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(document);

        // the store has no plain endpoint, and without the bundle the JDK's default trust refuses its certificate
        assertThat(SERVICES.s3.getPort()).isEqualTo(-1);
        assertThatThrownBy(() -> new ObjectStore(new ObjectStoreProperties("https://localhost:" + SERVICES.s3.getSecurePort(),
                S3_ACCESS, S3_SECRET, "arkisto-tls-test", null)).close()).hasStackTraceContaining("PKIX");
    }

    @Test
    void queueIngestionConsumesOverAmqps() throws Exception {
        // given a signed document published to the request queue (by a sender of its own, straight to the broker)
        String oid = KantaSamples.newOid();
        try (Connection connection = broker().newConnection(); Channel channel = connection.createChannel()) {
            String replies = channel.queueDeclare().getQueue();
            channel.basicPublish(PREFIX, PREFIX + ".requests", new AMQP.BasicProperties.Builder()
                    .contentType("application/xml").deliveryMode(2).replyTo(replies).correlationId(oid).build(),
                    PKI.signed(KantaSamples.document().oid(oid)));

            // when the archive's consumer (connected through the TLS relay) takes it, it answers and archives it
            GetResponse reply = await("an acknowledgement on the reply queue").atMost(Duration.ofSeconds(60))
                    .until(() -> channel.basicGet(replies, true), Objects::nonNull);
            assertThat(reply.getProps().getCorrelationId()).isEqualTo(oid);
            assertThat(reply.getProps().getHeaders().get("x-arkisto-outcome")).hasToString("ARCHIVED");
        }
        assertThat(SERVICES.amqps.relayed()).as("TLS connections the archive made to the broker").isPositive();
        assertThat(http.send(request("/api/v1/documents/" + oid + "/metadata").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("tls-test-cis:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("X-Organisation-Oid", TlsTestPki.CONTROLLER).header("X-User-Id", "tls-test")
                .header("X-Purpose-Of-Use", "1");
    }

    private static ConnectionFactory broker() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    /** The services of this test, speaking TLS with the test PKI's server certificate, started once. */
    private static final class Services {

        final EmbeddedPostgresServer postgres;
        final S3Proxy s3;
        final TcpRelay amqps;

        private Services(EmbeddedPostgresServer postgres, S3Proxy s3, TcpRelay amqps) {
            this.postgres = postgres;
            this.s3 = s3;
            this.amqps = amqps;
        }

        static Services start() {
            try {
                Path tls = Files.createDirectories(PKI.directory().resolve("services"));
                Path certificate = Files.writeString(tls.resolve("server.crt"), CertificateIssuer.pem(PKI.pki().server().certificate()));
                Path key = Files.writeString(tls.resolve("server.key"), CertificateIssuer.pem(PKI.pki().server().keys().getPrivate()));
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                // stopped by the shutdown handler below, after the context: zonky's own JVM shutdown hook would
                // stop it while the context still closes, and the pool then waits out its connection timeout
                Path postgresData = Files.createTempDirectory("arkisto-outgoing-tls-postgres");
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresData, 0, Map.of(
                        "ssl", "on",
                        "ssl_cert_file", certificate.toString(),
                        "ssl_key_file", key.toString()));

                for (String logger : new String[]{"org.gaul", "org.jclouds", "jclouds", "org.eclipse.jetty"}) {
                    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
                }
                Properties overrides = new Properties();
                overrides.setProperty("jclouds.filesystem.basedir", Files.createDirectories(tls.resolve("s3")).toString());
                BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem").credentials(S3_ACCESS, S3_SECRET)
                        .overrides(overrides).build(BlobStoreContext.class);
                S3Proxy s3 = S3Proxy.builder().blobStore(blobs.getBlobStore())
                        .secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(PKI.directory().resolve("server.p12").toString(), TlsTestPki.PASSWORD)
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS, S3_SECRET).build();
                s3.start();

                TcpRelay amqps = TcpRelay.terminatingTls(serverTls(), new InetSocketAddress("127.0.0.1", 5672));
                // after Spring has closed the context using them (not in parallel with its close)
                SpringApplication.getShutdownHandlers().add(() -> {
                    try {
                        amqps.close();
                        s3.stop();
                        blobs.close();
                        postgres.close();
                        FileSystemUtils.deleteRecursively(postgresData);
                    } catch (Exception e) {
                        // the JVM ends anyway
                    }
                });
                return new Services(postgres, s3, amqps);
            } catch (Exception e) {
                throw new IllegalStateException("The TLS services of the test did not start", e);
            }
        }

        private static SSLContext serverTls() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(PKI.directory().resolve("server.p12"))) {
                store.load(in, TlsTestPki.PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, TlsTestPki.PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }
}

package fi.arkisto.batch.migration;

import fi.arkisto.embedded.EmbeddedS3Server;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.springframework.boot.SpringApplication;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real services the migration tests run against, created once per JVM: a fresh PostgreSQL database with a random
 * name on the local server (dropped at exit), an embedded S3 server on a free port in a temp directory, and a test PKI
 * (a CA as trust anchor, the controller's system certificate in a PKCS#12). {@link #properties()} are the Spring
 * properties a child process gets too, so it works on the same database, bucket and keys.
 */
public final class MigrationTestEnvironment {

    static final String CONTROLLER = "1.2.246.10.12345678.10.0";
    static final String PASSWORD = "test-only-" + UUID.randomUUID();
    private static MigrationTestEnvironment instance;

    final Path root;
    final String databaseUrl;
    final EmbeddedS3Server s3;
    final Path trustAnchors;
    final Path systemKeystore;

    private MigrationTestEnvironment() throws Exception {
        root = Files.createTempDirectory("arkisto-migration-test");
        String database = "arkisto_h7_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        databaseUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
        // after Spring has closed the contexts using it (see ArchiveStoreTestEnvironment), never in parallel with them
        SpringApplication.getShutdownHandlers().add(() -> drop(database));
        s3 = EmbeddedS3Server.start(root.resolve("s3"), 0, "test-access", "test-secret-" + UUID.randomUUID());
        trustAnchors = Files.createDirectories(root.resolve("trust"));
        Instant now = Instant.now();
        KeyPair caKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Arkisto TEST migration CA"), caKeys,
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(365)));
        Files.writeString(trustAnchors.resolve("ca.pem"), CertificateIssuer.pem(ca));
        KeyPair systemKeys = CertificateIssuer.rsaKeyPair();
        X509Certificate system = CertificateIssuer.issueSigning(
                CertificateIssuer.systemSubject("Testin hyvinvointialue", CONTROLLER, "Arkisto legacy migration"),
                systemKeys.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
        systemKeystore = root.resolve("system.p12");
        try (OutputStream out = Files.newOutputStream(systemKeystore)) {
            CertificateIssuer.writePkcs12(out, "system", systemKeys.getPrivate(), List.of(system, ca), PASSWORD.toCharArray());
        }
    }

    public static synchronized MigrationTestEnvironment get() {
        if (instance == null) {
            try {
                instance = new MigrationTestEnvironment();
            } catch (Exception e) {
                throw new IllegalStateException("The migration test environment could not be set up", e);
            }
        }
        return instance;
    }

    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", databaseUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.maximum-pool-size", "12");
        p.put("spring.flyway.schemas", "archive");
        p.put("spring.flyway.create-schemas", "true");
        p.put("spring.flyway.locations", "classpath:db/migration/archive");
        p.put("spring.batch.jdbc.table-prefix", "batch.BATCH_");
        p.put("spring.batch.jdbc.initialize-schema", "never");
        p.put("spring.batch.job.enabled", "false");
        p.put("arkisto.s3.endpoint", s3.endpoint());
        p.put("arkisto.s3.access-key", s3.accessKey());
        p.put("arkisto.s3.secret-key", s3.secretKey());
        p.put("arkisto.s3.bucket", "migration-test");
        p.put("arkisto.signature.trust-anchors", trustAnchors.toString());
        p.put("arkisto.test.system-keystore", systemKeystore.toString());
        p.put("arkisto.test.system-keystore-password", PASSWORD);
        p.put("arkisto.migration.partitions", "2");
        p.put("arkisto.migration.chunk-size", "100");
        p.put("arkisto.migration.report-dir", root.resolve("reports").toString());
        p.put("arkisto.migration.abandoned-after", "0s");
        return p;
    }

    private static void drop(String database) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (Exception e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }
}

package fi.arkisto.workflows.migration;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrationEnded;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.testkit.pki.TestPki;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive, the legacy migration job and the migration process as the app assembles them (scanning
 * {@code fi.arkisto}, without web, ingestion or the app), with Camunda's engine on the same database and transactions,
 * its job executor off (the tests run the process's jobs): a random database on the local PostgreSQL, the embedded S3
 * server, a test PKI whose CA is the trust anchor and whose system certificate signs the migrated documents.
 */
final class MigrationProcessTestContext implements AutoCloseable {

    static final String CONTROLLER = "1.2.246.10.12345678.10.0";
    private static final String SIGNER_PASSWORD_PROPERTY = "arkisto.test.system-signer-password";

    final Path packageRoot;
    private final ConfigurableApplicationContext context;

    private MigrationProcessTestContext() throws IOException {
        Path root = Files.createTempDirectory("arkisto-migration-process-test");
        packageRoot = Files.createDirectories(root.resolve("migration-packages"));
        String password = "test-only-" + java.util.UUID.randomUUID();
        Path pki = root.resolve("pki");
        TestPki.create(Oid.of(CONTROLLER), "Testin hyvinvointialue", 0, Instant.now()).writeTo(pki, password.toCharArray());
        Map<String, Object> properties = new LinkedHashMap<>(ArchiveStoreTestEnvironment.local().properties());
        properties.put("spring.batch.jdbc.table-prefix", "batch.BATCH_");
        properties.put("spring.batch.jdbc.initialize-schema", "never");
        properties.put("spring.batch.job.enabled", "false");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("camunda.bpm.auto-deployment-enabled", "false");
        properties.put("camunda.bpm.database.schema-update", "true");
        properties.put("camunda.bpm.history-level", "full");
        properties.put("arkisto.signature.trust-anchors", pki.resolve("trust-anchors").toString());
        properties.put("arkisto.signature.system-signer.keystore", pki.resolve("system.p12").toString());
        properties.put("arkisto.signature.system-signer.password-env", SIGNER_PASSWORD_PROPERTY);
        properties.put(SIGNER_PASSWORD_PROPERTY, password);
        properties.put("arkisto.migration.package-root", packageRoot.toString());
        properties.put("arkisto.migration.report-dir", root.resolve("migration-reports").toString());
        properties.put("arkisto.migration.partitions", "2");
        properties.put("arkisto.migration.chunk-size", "50");
        properties.put("logging.level.org.camunda", "WARN");
        context = new SpringApplicationBuilder(Assembly.class).web(WebApplicationType.NONE).properties(properties).run();
    }

    static MigrationProcessTestContext start() {
        try {
            return new MigrationProcessTestContext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcessEngine engine() {
        return context.getBean(ProcessEngine.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The next migration execution's end, once its process has been told (waits for it, at most two minutes). */
    LegacyMigrationEnded nextEnd() throws InterruptedException {
        LegacyMigrationEnded ended = context.getBean(Ends.class).seen.poll(2, TimeUnit.MINUTES);
        assertThat(ended).as("a migration execution ended within two minutes").isNotNull();
        return ended;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Every migration execution's end, taken after the process's worker (which is told first). */
    static final class Ends {
        final BlockingQueue<LegacyMigrationEnded> seen = new LinkedBlockingQueue<>();

        @EventListener
        @Order(Ordered.LOWEST_PRECEDENCE)
        void ended(LegacyMigrationEnded ended) {
            seen.add(ended);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"fi.arkisto.store", "fi.arkisto.batch", "fi.arkisto.workflows"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "fi\\.arkisto\\.store\\.testsupport\\..*"))
    static class Assembly {

        @Bean
        Ends migrationEnds() {
            return new Ends();
        }
    }
}

package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.testkit.pki.TestPki;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The archive, the controller change job and the process as the app assembles them (scanning {@code fi.arkisto},
 * without web, ingestion or the app), Camunda on the same database with its job executor off (the tests run the
 * process's jobs): a random database on the local PostgreSQL and the embedded S3 server.
 */
final class ControllerChangeProcessTestContext implements AutoCloseable {

    private static final String SIGNER_PASSWORD_PROPERTY = "arkisto.test.system-signer-password";

    private final ConfigurableApplicationContext context;

    private ControllerChangeProcessTestContext() throws IOException {
        Path root = Files.createTempDirectory("arkisto-controller-change-process-test");
        String password = "test-only-" + java.util.UUID.randomUUID();
        Path pki = root.resolve("pki");
        TestPki.create(Oid.of("1.2.246.10.12345678.10.0"), "Testin hyvinvointialue", 0, Instant.now())
                .writeTo(pki, password.toCharArray());
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
        properties.put("arkisto.migration.package-root", root.resolve("packages").toString());
        properties.put("arkisto.migration.report-dir", root.resolve("reports").toString());
        properties.put("arkisto.controller-change.partitions", "3");
        properties.put("arkisto.controller-change.chunk-size", "50");
        // deployment leads of the organisations ControllerChangeProcessTest names, and one of none
        lead(properties, 0, "lead-old-1", ControllerChangeProcessTest.LED_OLD);
        lead(properties, 1, "lead-old-2", ControllerChangeProcessTest.LED_OLD);
        lead(properties, 2, "lead-new", ControllerChangeProcessTest.LED_NEW);
        lead(properties, 3, "lead-third", ControllerChangeProcessTest.LED_THIRD);
        properties.put("arkisto.workflows.users[4].id", "lead-of-none");
        properties.put("arkisto.workflows.users[4].groups[0]", "deployment-leads");
        properties.put("logging.level.org.camunda", "WARN");
        context = new SpringApplicationBuilder(Assembly.class).web(WebApplicationType.NONE).properties(properties).run();
    }

    private static void lead(Map<String, Object> properties, int n, String id, String organisation) {
        properties.put("arkisto.workflows.users[" + n + "].id", id);
        properties.put("arkisto.workflows.users[" + n + "].password", "test-only-" + id);
        properties.put("arkisto.workflows.users[" + n + "].groups[0]", "deployment-leads");
        properties.put("arkisto.workflows.users[" + n + "].organisations[0]", organisation);
    }

    static ControllerChangeProcessTestContext start() {
        try {
            return new ControllerChangeProcessTestContext();
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

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackages = {"fi.arkisto.store", "fi.arkisto.batch", "fi.arkisto.workflows"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "fi\\.arkisto\\.store\\.testsupport\\..*"))
    static class Assembly {
    }
}

package fi.arkisto.app.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} scraped over real HTTP as Prometheus would, after real submissions, a real Camunda
 * job and a real migration: the archive's, the migration's, the job executor's and the connection pool's figures
 * are there with values, and only the monitoring credential may read them. This context runs the job executor and
 * has a system signer (the shared API context has neither), so it is its own.
 */
// Spring Boot's tests switch metrics export off unless asked: this test is about the export
@AutoConfigureObservability(tracing = false)
class PrometheusScrapeTest extends ApiIntegrationTest {

    private static final Path PACKAGES = Path.of("target/unused-data-dir/migration-packages");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void jobExecutorAndSystemSigner(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("arkisto.signature.system-signer.keystore", () -> systemKeystore().toString());
        registry.add("arkisto.signature.system-signer.password-env", () -> "ARKISTO_TEST_SCRAPE_SIGNER_PASSWORD");
        registry.add("ARKISTO_TEST_SCRAPE_SIGNER_PASSWORD", () -> PKI_PASSWORD);
    }

    @Test
    void theScrapeCarriesTheArchivesTheMigrationsTheJobExecutorsAndThePoolsFigures() throws Exception {
        // given the figures before
        Scrape before = scrape();

        // when a document is archived, submitted again, and a broken one refused, all over REST
        byte[] document = signed(derivedDocument());
        assertThat(archive(document).statusCode()).isEqualTo(201);
        assertThat(archive(document).statusCode()).isEqualTo(200);
        assertThat(archive("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><open>".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(422);

        // and a Camunda process runs one asynchronous job through the job executor
        String process = "metricsProbe" + UUID.randomUUID().toString().replace("-", "");
        BpmnModelInstance model = Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Task_Probe").camundaAsyncBefore().camundaExpression("${true}").endEvent().done();
        repository.createDeployment().addModelInstance(process + ".bpmn", model).deploy();
        runtime.startProcessInstanceByKey(process);
        awaitTrue(() -> management.createJobQuery().processDefinitionKey(process).count() == 0, "the probe job ran");

        // and a migration runs: its progress is scraped while it runs
        String name = "scrape-" + UUID.randomUUID();
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(600, PACKAGES.resolve(name)).withController(CONTROLLER)
                .withBadPercent(5));
        HttpResponse<byte[]> started = send(asOwnClient("/api/v1/migrations").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"package\":\"" + name + "\",\"controller\":\"" + CONTROLLER + "\"}"))
                .build());
        assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
        long id = json(started).get("jobExecutionId").asLong();
        AtomicReference<Scrape> seenDuring = new AtomicReference<>();
        JsonNode progress = await("the migration ends").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Scrape now = scrape();
                    if (now.sum("arkisto_migration_rows_processed", "") > 0) {
                        seenDuring.set(now);
                    }
                    return json(send(asOwnClient("/api/v1/migrations/" + id).GET().build()));
                }, state -> state.has("endedAt"));
        Scrape during = seenDuring.get();
        assertThat(progress.path("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        Thread.sleep(1100); // the migration figures are read at most once a second
        Scrape after = scrape();

        // then the archive's counters moved by exactly what was done, per channel and code
        assertThat(after.sum("arkisto_ingest_received_total", "channel=\"rest\"")
                - before.sum("arkisto_ingest_received_total", "channel=\"rest\"")).isEqualTo(3);
        assertThat(after.sum("arkisto_ingest_archived_total", "channel=\"rest\"")
                - before.sum("arkisto_ingest_archived_total", "channel=\"rest\"")).isEqualTo(1);
        assertThat(after.sum("arkisto_ingest_duplicates_total", "channel=\"rest\"")
                - before.sum("arkisto_ingest_duplicates_total", "channel=\"rest\"")).isEqualTo(1);
        assertThat(after.sum("arkisto_ingest_rejected_total", "code=\"MALFORMED_XML\"")
                - before.sum("arkisto_ingest_rejected_total", "code=\"MALFORMED_XML\"")).isEqualTo(1);
        // with a latency histogram (buckets) per channel, and the HTTP requests' own
        assertThat(after.sum("arkisto_ingest_latency_seconds_count", "channel=\"rest\"")
                - before.sum("arkisto_ingest_latency_seconds_count", "channel=\"rest\"")).isEqualTo(3);
        assertThat(after.count("arkisto_ingest_latency_seconds_bucket", "channel=\"rest\"")).isGreaterThan(5);
        assertThat(after.sum("http_server_requests_seconds_bucket", "uri=\"/api/v1/documents\"")).isPositive();

        // and the migration's progress was there while it ran: its rows, what was archived and rejected
        assertThat(during).as("a scrape while the migration ran").isNotNull();
        assertThat(during.sum("arkisto_migration_running", "")).isEqualTo(1);
        assertThat(during.sum("arkisto_migration_manifest_rows", "")).isEqualTo(600);
        assertThat(during.sum("arkisto_migration_documents_archived", "")
                + during.sum("arkisto_migration_rows_rejected", "")).isPositive();
        assertThat(during.has("arkisto_migration_rows_per_second", "")).isTrue();
        assertThat(after.sum("arkisto_migration_running", "")).isZero();
        assertThat(progress.path("archived").asLong() + progress.path("rejected").asLong()).isEqualTo(600);

        // and the job executor's figures: its thread pool and Camunda's job counts
        assertThat(after.sum("camunda_job_successful_total", "") - before.sum("camunda_job_successful_total", ""))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.has("camunda_jobs_executable", "")).isTrue();
        assertThat(after.has("camunda_jobs_failed", "")).isTrue();
        assertThat(after.sum("executor_completed_tasks_total", "name=\"camundaTaskExecutor\"")).isPositive();
        assertThat(after.has("executor_active_threads", "name=\"camundaTaskExecutor\"")).isTrue();

        // and the migration's steps as Spring Batch measures them
        assertThat(after.sum("spring_batch_chunk_write_seconds_count", "spring_batch_chunk_write_job_name=\"legacyMigration\""))
                .isPositive();

        // and the JDBC pool's
        assertThat(after.sum("hikaricp_connections_max", "")).isPositive();
        assertThat(after.has("hikaricp_connections_active", "")).isTrue();
        assertThat(after.sum("hikaricp_connections_acquire_seconds_count", "")).isPositive();
    }

    @Test
    void onlyTheMonitoringCredentialMayScrape() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(get(basic(MONITORING_USER, "wrong-password-123")).statusCode()).isEqualTo(401);
        // an API client's valid credential, even an auditor's, does not open the metrics
        assertThat(get(basic(AUDITOR_CLIENT, PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(get(basic("testadmin", CAMUNDA_ADMIN_PASSWORD)).statusCode()).isEqualTo(401);
        // and the monitoring credential opens nothing of the API
        assertProblem(send(withContext(java.net.http.HttpRequest.newBuilder(uri("/api/v1/documents/" + SAMPLE_OID))
                .header("Authorization", basic(MONITORING_USER, MONITORING_PASSWORD)), CONTROLLER).GET().build()),
                401, "AUTHENTICATION_REQUIRED");
        assertThat(get(basic(MONITORING_USER, MONITORING_PASSWORD)).statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> get(String authorization) {
        return send(HttpRequest.newBuilder(uri("/actuator/prometheus")).header("Authorization", authorization).GET().build());
    }

    private Scrape scrape() {
        HttpResponse<byte[]> response = get(basic(MONITORING_USER, MONITORING_PASSWORD));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return Scrape.parse(text(response));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }

    /** One scrape in the Prometheus text format: each sample by name and label text. */
    record Scrape(Map<String, Map<String, Double>> samples) {

        static Scrape parse(String text) {
            Map<String, Map<String, Double>> samples = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.find()).as("a sample line: " + line).isTrue();
                samples.computeIfAbsent(m.group(1), n -> new HashMap<>())
                        .put(m.group(3) == null ? "" : m.group(3), Double.parseDouble(m.group(4)));
            }
            return new Scrape(samples);
        }

        /** The sum over the samples of the name whose labels contain the given label text ("" = all). */
        double sum(String name, String label) {
            return samples.getOrDefault(name, Map.of()).entrySet().stream().filter(e -> e.getKey().contains(label))
                    .mapToDouble(Map.Entry::getValue).filter(v -> !Double.isNaN(v)).sum();
        }

        long count(String name, String label) {
            return samples.getOrDefault(name, Map.of()).keySet().stream().filter(labels -> labels.contains(label)).count();
        }

        boolean has(String name, String label) {
            return count(name, label) > 0;
        }
    }
}

package fi.arkisto.app.api.migration;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.local.LocalServerFile;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The migration API over real HTTP in the app's shared context, whose system signer is the test PKI's: launching (as a
 * process in the cockpit), following to the end, the refusals with their own codes, a failure's reason and its
 * incident, and the local tools' credential the server announces in its data directory.
 */
class MigrationApiTest extends ApiIntegrationTest {

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    IdentityService identity;

    private static final Path DATA_DIR = Path.of("target/unused-data-dir").toAbsolutePath();
    private static final Path PACKAGES = DATA_DIR.resolve("migration-packages");

    @TempDir
    Path temp;

    private HttpResponse<byte[]> post(String json, String organisation) {
        return send(withContext(authenticated("/api/v1/migrations", OWN_CLIENT), organisation)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String launch(String pkg) {
        return "{\"package\":\"" + pkg + "\",\"controller\":\"" + CONTROLLER + "\"}";
    }

    @Test
    void launchesAMigrationOfAPackageInThePackageDirectoryAndFollowsItToTheEnd() throws Exception {
        // given a package in the migration package directory with deliberately bad rows
        String name = "pkg-" + UUID.randomUUID();
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(20, PACKAGES.resolve(name))
                .withController(CONTROLLER).withBadPercent(25).withSeed(91));
        long bad = Files.readAllLines(generated.expectedRejects()).size() - 1;
        assertThat(bad).isPositive();

        // when the controller's client system launches it
        HttpResponse<byte[]> started = post(launch(name), CONTROLLER);

        // then it is accepted with the execution id, and its progress can be followed until it completes
        assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
        long id = json(started).get("jobExecutionId").asLong();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/migrations/" + id);
        ProcessInstance process = runTheLaunchStep(id);
        assertThat(process.getBusinessKey()).isEqualTo("legacy-migration:" + CONTROLLER + ":" + name);
        JsonNode progress = followToTheEnd(id, OWN_CLIENT);
        assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        assertThat(progress.get("controller").asText()).isEqualTo(CONTROLLER);
        assertThat(progress.get("totalRows").asLong()).isEqualTo(20);
        assertThat(progress.get("rejected").asLong()).isEqualTo(bad);
        assertThat(progress.get("archived").asLong()).isEqualTo(20 - bad);
        assertThat(progress.has("failure")).isFalse();
        // and the reject report lies under the data directory, like everything else the system writes
        assertThat(Path.of(progress.get("rejectReport").asText())).startsWith(DATA_DIR.resolve("migration-reports")).exists();

        // and its process waits for an operator to review the rejects
        assertThat(runtime.createExecutionQuery().processInstanceId(process.getId()).activityId("UserTask_ReviewRejects")
                .count()).isEqualTo(1);

        // and another organisation cannot see it
        HttpResponse<byte[]> other = send(withContext(authenticated("/api/v1/migrations/" + id, OTHER_CLIENT), OTHER_ORGANISATION).GET().build());
        assertProblem(other, 404, "MIGRATION_NOT_FOUND");

        // and launching it again is refused as completed, with its own code
        assertProblem(post(launch(name), CONTROLLER), 409, "MIGRATION_ALREADY_COMPLETED");
    }

    @Test
    void aMigrationThatFailsWhileRunningShowsWhyInItsProgress() throws Exception {
        // given a package whose manifest breaks after its header (an unbalanced quote in row 2)
        String name = "broken-" + UUID.randomUUID();
        Path dir = PACKAGES.resolve(name);
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(4, dir).withController(CONTROLLER).withBadPercent(0).withSeed(92));
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"), StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replaceFirst(",", ",\"unbalanced "));
        Files.writeString(dir.resolve("manifest.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        // when it is launched and followed
        HttpResponse<byte[]> started = post(launch(name), CONTROLLER);
        assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
        long id = json(started).get("jobExecutionId").asLong();
        ProcessInstance process = runTheLaunchStep(id);
        JsonNode progress = followToTheEnd(id, OWN_CLIENT);

        // then it failed, and says why
        assertThat(progress.get("status").asText()).isEqualTo("FAILED");
        assertThat(progress.path("failure").path("code").asText()).isEqualTo("LEGACY_MANIFEST_INVALID");
        assertThat(progress.path("failure").path("reason").asText()).contains("manifest.csv cannot be read after row");
        // and its process has an incident saying the same, for an operator to retry in the cockpit
        Incident incident = runtime.createIncidentQuery().processInstanceId(process.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("ServiceTask_RunMigrationJob");
        assertThat(incident.getIncidentMessage()).contains("manifest.csv cannot be read after row", "LEGACY_MANIFEST_INVALID");
        String task = externalTasks.createExternalTaskQuery().processInstanceId(process.getId()).singleResult().getId();

        // when a deployment test coordinator tries to retry it, then the engine refuses (authorizations are on)
        asCamundaUser(COORDINATOR, "kela-coordinators", () -> assertThatThrownBy(() -> externalTasks.setRetries(task, 1))
                .isInstanceOf(AuthorizationException.class));
        assertThat(runtime.createIncidentQuery().processInstanceId(process.getId()).count()).isEqualTo(1);

        // when an operator retries it with the manifest still broken, then the migration is resumed by a new
        // execution, which fails the same way: a new incident, the process still waiting at the job
        asCamundaUser(OPERATOR, "archive-operators", () -> externalTasks.setRetries(task, 1));
        long resumed = awaitResumed(process, id);
        JsonNode again = followToTheEnd(resumed, OWN_CLIENT);
        assertThat(again.get("migrationId").asLong()).isEqualTo(progress.get("migrationId").asLong());
        assertThat(again.path("failure").path("code").asText()).isEqualTo("LEGACY_MANIFEST_INVALID");
        assertThat(runtime.createIncidentQuery().processInstanceId(process.getId()).singleResult().getIncidentMessage())
                .contains("LEGACY_MANIFEST_INVALID");
    }

    @Test
    void refusesWhatCannotRunWithItsOwnCode() throws Exception {
        assertProblem(post(launch("../../etc"), CONTROLLER), 422, "PACKAGE_ENTRY_UNSAFE");
        assertProblem(post(launch("/etc"), CONTROLLER), 422, "PACKAGE_ENTRY_UNSAFE");
        JsonNode unknown = assertProblem(post(launch("no-such-package"), CONTROLLER), 422, "LEGACY_PACKAGE_NOT_FOUND");
        assertThat(unknown.get("title").asText()).doesNotContain("manifest row");

        String noManifest = "no-manifest-" + UUID.randomUUID();
        Files.createDirectories(PACKAGES.resolve(noManifest));
        assertProblem(post(launch(noManifest), CONTROLLER), 422, "LEGACY_MANIFEST_MISSING");

        // (another register and a launch without its package: MigrationControllerWebMvcTest)
        assertProblem(send(asOwnClient("/api/v1/migrations/987654321").GET().build()), 404, "MIGRATION_NOT_FOUND");
    }

    @Test
    void theServerAnnouncesALocalToolsCredentialThatReachesMigrationsOnlyAndMayNamePackagesByPath() throws Exception {
        // given the announcement the running server wrote into its data directory
        Path file = DATA_DIR.resolve("local-server.properties");
        LocalServerFile announced = LocalServerFile.read(file).orElseThrow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(announced.url().getPort()).isEqualTo(port);
        assertThat(announced.pid()).isEqualTo(ProcessHandle.current().pid());
        String localTools = basic(announced.client(), announced.password());

        // when the local tools' credential launches a package named by its absolute path outside the package directory
        Path pkg = temp.resolve("outside-the-package-root");
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(2, pkg).withController(CONTROLLER).withBadPercent(0).withSeed(93));
        HttpResponse<byte[]> started = send(withContext(HttpRequest.newBuilder(uri("/api/v1/migrations"))
                .header("Authorization", localTools), CONTROLLER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(launch(pkg.toString()))).build());

        // then it runs, and the same credential follows it
        assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
        runTheLaunchStep(json(started).get("jobExecutionId").asLong());
        HttpResponse<byte[]> progress = send(withContext(HttpRequest.newBuilder(uri("/api/v1/migrations/"
                + json(started).get("jobExecutionId").asLong())).header("Authorization", localTools), CONTROLLER).GET().build());
        assertThat(progress.statusCode()).as(text(progress)).isEqualTo(200);

        // and a client system may not name that path
        assertProblem(post(launch(pkg.toString()), CONTROLLER), 422, "PACKAGE_ENTRY_UNSAFE");

        // and the local tools' credential reads no documents and no audit
        sampleIsArchived();
        assertProblem(send(withContext(HttpRequest.newBuilder(uri("/api/v1/documents/" + SAMPLE_OID))
                .header("Authorization", localTools), CONTROLLER).GET().build()), 403, "ACCESS_DENIED");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/audit/verification")).header("Authorization", localTools)
                .GET().build()), 403, "ACCESS_DENIED");
        // and a wrong password is not let in
        assertProblem(send(withContext(HttpRequest.newBuilder(uri("/api/v1/migrations/1"))
                .header("Authorization", basic(announced.client(), "not-" + announced.password())), CONTROLLER).GET().build()),
                401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void openApiNamesTheMigrationCodesOnTheOperationsThatAnswerThem() {
        JsonNode paths = json(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build())).path("paths");
        JsonNode launch = paths.path("/api/v1/migrations").path("post");
        assertThat(codes(launch, "422")).contains("PACKAGE_ENTRY_UNSAFE", "LEGACY_PACKAGE_NOT_FOUND", "LEGACY_PACKAGE_UNREADABLE",
                "LEGACY_MANIFEST_MISSING", "LEGACY_MANIFEST_INVALID", "MIGRATION_SIGNER_MISSING").doesNotContain("LEGACY_FILE_MISSING");
        assertThat(codes(launch, "409")).containsExactlyInAnyOrder("MIGRATION_ALREADY_RUNNING", "MIGRATION_ALREADY_COMPLETED");
        assertThat(launch.path("parameters").findValuesAsText("name")).doesNotContain("caller", "authentication");
        JsonNode follow = paths.path("/api/v1/migrations/{jobExecutionId}").path("get");
        assertThat(codes(follow, "404")).containsExactly("MIGRATION_NOT_FOUND");
        assertThat(follow.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("MigrationStatus");
    }

    /**
     * This shared context runs no job executor (the deployment tests run their own jobs): the migration process's
     * launch step, an asynchronous continuation, is run here as the server's job executor runs it.
     */
    private ProcessInstance runTheLaunchStep(long jobExecutionId) {
        ProcessInstance process = runtime.createProcessInstanceQuery().processDefinitionKey("legacyMigration")
                .variableValueEquals("jobExecutionId", jobExecutionId).singleResult();
        assertThat(process).as("the process of migration execution " + jobExecutionId).isNotNull();
        List<Job> jobs = management.createJobQuery().processInstanceId(process.getId()).list();
        assertThat(jobs).hasSize(1);
        management.executeJob(jobs.get(0).getId());
        return process;
    }

    private void asCamundaUser(String user, String group, Runnable action) {
        identity.setAuthentication(user, List.of(group));
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The execution the retry prepared: the process records it before it runs. */
    private long awaitResumed(ProcessInstance process, long failed) {
        long current = await("the retry resumed the migration with a new execution").atMost(Duration.ofSeconds(60))
                .until(() -> ((Number) runtime.getVariable(process.getId(), "jobExecutionId")).longValue(),
                        execution -> execution != failed);
        assertThat(current).as("the retry resumed the migration with a new execution").isGreaterThan(failed);
        return current;
    }

    private static List<String> codes(JsonNode operation, String status) {
        List<String> codes = new java.util.ArrayList<>();
        operation.path("responses").path(status).path("x-error-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private JsonNode followToTheEnd(long id, String client) {
        return await("the migration ended within two minutes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<byte[]> response = send(withContext(authenticated("/api/v1/migrations/" + id, client), CONTROLLER).GET().build());
                    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
                    return json(response);
                }, progress -> progress.has("endedAt"));
    }
}

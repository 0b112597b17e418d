package fi.arkisto.app.api.migration;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.local.LocalServerFile;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration API over real HTTP in the app's shared context, whose system signer is the test PKI's: launching,
 * following to the end, the refusals with their own codes, a failure's reason, and the local tools' credential the
 * server announces in its data directory.
 */
class MigrationApiTest extends ApiIntegrationTest {

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
        JsonNode progress = followToTheEnd(id, OWN_CLIENT);
        assertThat(progress.get("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        assertThat(progress.get("controller").asText()).isEqualTo(CONTROLLER);
        assertThat(progress.get("totalRows").asLong()).isEqualTo(20);
        assertThat(progress.get("rejected").asLong()).isEqualTo(bad);
        assertThat(progress.get("archived").asLong()).isEqualTo(20 - bad);
        assertThat(progress.has("failure")).isFalse();
        // and the reject report lies under the data directory, like everything else the system writes
        assertThat(Path.of(progress.get("rejectReport").asText())).startsWith(DATA_DIR.resolve("migration-reports")).exists();

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
        JsonNode progress = followToTheEnd(json(started).get("jobExecutionId").asLong(), OWN_CLIENT);

        // then it failed, and says why
        assertThat(progress.get("status").asText()).isEqualTo("FAILED");
        assertThat(progress.path("failure").path("code").asText()).isEqualTo("LEGACY_MANIFEST_INVALID");
        assertThat(progress.path("failure").path("reason").asText()).contains("manifest.csv cannot be read after row");
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

        assertProblem(post("{\"package\":\"x\",\"controller\":\"" + OTHER_ORGANISATION + "\"}", CONTROLLER), 403, "ACCESS_DENIED");
        assertProblem(post("{\"controller\":\"" + CONTROLLER + "\"}", CONTROLLER), 400, "INVALID_REQUEST");
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

    private static List<String> codes(JsonNode operation, String status) {
        List<String> codes = new java.util.ArrayList<>();
        operation.path("responses").path(status).path("x-error-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private JsonNode followToTheEnd(long id, String client) throws InterruptedException {
        JsonNode progress;
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            Thread.sleep(200);
            HttpResponse<byte[]> response = send(withContext(authenticated("/api/v1/migrations/" + id, client), CONTROLLER).GET().build());
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            progress = json(response);
        } while (!progress.has("endedAt") && System.nanoTime() < deadline);
        assertThat(progress.has("endedAt")).as("the migration ended within two minutes: " + progress).isTrue();
        return progress;
    }
}

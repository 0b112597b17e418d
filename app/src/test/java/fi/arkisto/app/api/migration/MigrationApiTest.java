package fi.arkisto.app.api.migration;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration API over real HTTP in the app's shared context. The shared test context configures no system signing
 * key, so a launched migration stops in its first step, before any row: what this test drives through REST is launching,
 * following and the refusals; the migration itself is tested in batch-jobs with real signatures.
 */
class MigrationApiTest extends ApiIntegrationTest {

    private static final Path PACKAGES = Path.of("target/unused-data-dir/migration-packages");

    private HttpResponse<byte[]> post(String json, String organisation) {
        return send(withContext(authenticated("/api/v1/migrations", OWN_CLIENT), organisation)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void launchesAMigrationOfAPackageInThePackageDirectoryAndReportsItsProgress() throws Exception {
        // given a package in the migration package directory
        String name = "pkg-" + UUID.randomUUID();
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(5, PACKAGES.resolve(name)).withController(CONTROLLER).withBadPercent(0));

        // when the controller's client system launches it
        HttpResponse<byte[]> started = post("{\"package\":\"" + name + "\",\"controller\":\"" + CONTROLLER + "\"}", CONTROLLER);

        // then it is accepted with the execution id, and its progress can be followed until it ends
        assertThat(started.statusCode()).as(text(started)).isEqualTo(202);
        long id = json(started).get("jobExecutionId").asLong();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/migrations/" + id);
        JsonNode progress;
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            Thread.sleep(200);
            HttpResponse<byte[]> response = send(asOwnClient("/api/v1/migrations/" + id).GET().build());
            assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
            progress = json(response);
        } while (!progress.has("endedAt") && System.nanoTime() < deadline);
        assertThat(progress.get("controller").asText()).isEqualTo(CONTROLLER);
        assertThat(progress.get("jobExecutionId").asLong()).isEqualTo(id);
        // without a system signing key the job fails before the first row: nothing archived, nothing rejected
        assertThat(progress.get("status").asText()).isEqualTo("FAILED");
        assertThat(progress.get("archived").asLong()).isZero();
        assertThat(progress.get("rejected").asLong()).isZero();

        // and another organisation cannot see it
        HttpResponse<byte[]> other = send(withContext(authenticated("/api/v1/migrations/" + id, OTHER_CLIENT), OTHER_ORGANISATION).GET().build());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesPackagesOutsideThePackageDirectoryMissingPackagesAndOtherRegisters() {
        HttpResponse<byte[]> outside = post("{\"package\":\"../../etc\",\"controller\":\"" + CONTROLLER + "\"}", CONTROLLER);
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(json(outside).get("code").asText()).isEqualTo("PACKAGE_ENTRY_UNSAFE");

        HttpResponse<byte[]> missing = post("{\"package\":\"no-such-package\",\"controller\":\"" + CONTROLLER + "\"}", CONTROLLER);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).get("code").asText()).isEqualTo("LEGACY_FILE_MISSING");

        HttpResponse<byte[]> foreign = post("{\"package\":\"x\",\"controller\":\"" + OTHER_ORGANISATION + "\"}", CONTROLLER);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("code").asText()).isEqualTo("ACCESS_DENIED");

        HttpResponse<byte[]> incomplete = post("{\"controller\":\"" + CONTROLLER + "\"}", CONTROLLER);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(json(incomplete).get("code").asText()).isEqualTo("INVALID_REQUEST");
    }
}

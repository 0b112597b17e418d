package fi.arkisto.app.api.migration;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.batch.migration.MigrationMonitor;
import fi.arkisto.batch.migration.MigrationProgress;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.workflows.migration.LegacyMigrationStarter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The migration API's HTTP layer (docs/legacy-package.md): a client system migrates only into the register it acts
 * for, only packages named inside the migration package directory, and follows only its own organisation's migrations.
 */
@WebMvcTest(MigrationController.class)
class MigrationControllerWebMvcTest extends ApiSliceTest {

    @MockitoBean
    LegacyMigrationStarter starter;
    @MockitoBean
    LegacyMigrations migrations;
    @MockitoBean
    MigrationMonitor monitor;

    private MvcResult launch(String json) {
        return perform(asOwnClient(post("/api/v1/migrations")).contentType("application/json").content(json));
    }

    @Test
    void aLaunchIsAcceptedWithItsExecutionAndWhereToFollowIt() {
        Path pkg = Path.of("/srv/arkisto/migration-packages/vantaa-2019");
        when(migrations.packageNamed("vantaa-2019")).thenReturn(pkg);
        when(starter.start(pkg, Oid.of(CONTROLLER))).thenReturn(new LegacyMigrationStarter.Started("p-1",
                "legacy-migration:" + CONTROLLER + ":vantaa-2019", 42));

        MvcResult started = launch("{\"package\":\"vantaa-2019\",\"controller\":\"" + CONTROLLER + "\"}");

        assertThat(started.getResponse().getStatus()).as(text(started)).isEqualTo(202);
        assertThat(started.getResponse().getHeader("Location")).isEqualTo("/api/v1/migrations/42");
        assertThat(json(started).path("jobExecutionId").asLong()).isEqualTo(42);
        assertThat(json(started).path("progress").asText()).isEqualTo("/api/v1/migrations/42");
    }

    @Test
    void refusesWhatCannotRunWithItsOwnCode() {
        assertProblem(launch("{\"package\":\"x\",\"controller\":\"" + OTHER_ORGANISATION + "\"}"), 403, "ACCESS_DENIED");
        assertProblem(launch("{\"controller\":\"" + CONTROLLER + "\"}"), 400, "INVALID_REQUEST");
        assertProblem(launch("{\"package\":\"x\"}"), 400, "INVALID_REQUEST");
        assertProblem(launch("{\"package\":\"x\",\"controller\":\"Vantaa\"}"), 422, "INVALID_OID");
        verifyNoInteractions(starter);
    }

    @Test
    void aClientSystemsAbsolutePathIsStillResolvedInsideThePackageDirectory() {
        when(migrations.packageNamed("/etc")).thenThrow(new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE,
                "Package names are relative to the migration package directory"));

        assertProblem(launch("{\"package\":\"/etc\",\"controller\":\"" + CONTROLLER + "\"}"), 422, "PACKAGE_ENTRY_UNSAFE");
        verify(migrations).packageNamed("/etc");
        verifyNoInteractions(starter);
    }

    @Test
    void theLocalToolsCredentialMayNameAPackageByItsAbsolutePathAndFollowIt() {
        // given the migrate command beside the server, naming a package outside the package directory
        Path pkg = Path.of("/home/operator/legacy/vantaa-2019");
        when(starter.start(pkg, Oid.of(CONTROLLER))).thenReturn(new LegacyMigrationStarter.Started("p-2",
                "legacy-migration:" + CONTROLLER + ":vantaa-2019", 43));
        when(monitor.progress(43)).thenReturn(Optional.of(progress(43, CONTROLLER)));

        // when it launches with the local tools' credential, then the path is taken as it is, and it follows the migration
        MvcResult started = perform(as(LOCAL_TOOLS, CONTROLLER, post("/api/v1/migrations")).contentType("application/json")
                .content("{\"package\":\"/home/operator/legacy/../legacy/vantaa-2019\",\"controller\":\"" + CONTROLLER + "\"}"));
        assertThat(started.getResponse().getStatus()).as(text(started)).isEqualTo(202);
        verifyNoInteractions(migrations);
        MvcResult progress = perform(as(LOCAL_TOOLS, CONTROLLER, get("/api/v1/migrations/43")));
        assertThat(progress.getResponse().getStatus()).as(text(progress)).isEqualTo(200);

        // and a wrong password is not let in
        assertProblem(perform(withContext(get("/api/v1/migrations/43"), CONTROLLER)
                .header("Authorization", basic(LOCAL_TOOLS, "not-the-password"))), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void theProgressOfAnotherOrganisationsMigrationIsNotFound() {
        when(monitor.progress(7)).thenReturn(Optional.of(progress(7, OTHER_ORGANISATION)));

        assertProblem(perform(asOwnClient(get("/api/v1/migrations/7"))), 404, "MIGRATION_NOT_FOUND");
        assertProblem(perform(asOwnClient(get("/api/v1/migrations/8"))), 404, "MIGRATION_NOT_FOUND");
    }

    @Test
    void theProgressOfOwnMigrationIsShown() {
        when(monitor.progress(9)).thenReturn(Optional.of(progress(9, CONTROLLER)));

        MvcResult response = perform(asOwnClient(get("/api/v1/migrations/9")));

        assertThat(response.getResponse().getStatus()).as(text(response)).isEqualTo(200);
        JsonNode progress = json(response);
        assertThat(progress.path("controller").asText()).isEqualTo(CONTROLLER);
        assertThat(progress.path("totalRows").asLong()).isEqualTo(20);
        assertThat(progress.path("archived").asLong()).isEqualTo(15);
        assertThat(progress.path("rejected").asLong()).isEqualTo(5);
        assertThat(progress.has("endedAt")).isFalse();
    }

    @Test
    void anExecutionIdThatIsNoNumberIs400() {
        assertProblem(perform(asOwnClient(get("/api/v1/migrations/latest"))), 400, "INVALID_REQUEST");
        verifyNoInteractions(monitor);
    }

    @Test
    void migrationsNeedAClientSystem() {
        assertProblem(perform(withContext(get("/api/v1/migrations/9"), CONTROLLER)), 401, "AUTHENTICATION_REQUIRED");
        verifyNoInteractions(monitor, starter);
    }

    private static MigrationProgress progress(long id, String controller) {
        return new MigrationProgress(id, 1, "STARTED", "/srv/arkisto/migration-packages/p", controller, 20, 20, 15, 5,
                12.5, null, Instant.parse("2026-12-01T10:00:00Z"), null, null, List.of(), null);
    }
}

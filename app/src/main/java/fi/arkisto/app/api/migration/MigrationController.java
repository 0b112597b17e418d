package fi.arkisto.app.api.migration;

import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.app.security.ApiClientRegistry;
import fi.arkisto.batch.migration.MigrationMonitor;
import fi.arkisto.batch.migration.MigrationProgress;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.workflows.migration.LegacyMigrationStarter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Path;

/**
 * Launching and following legacy migrations (docs/legacy-package.md). Thin: {@link LegacyMigrationStarter} runs the
 * migration as its process in the cockpit (docs/workflows.md), which starts or resumes the Spring Batch job, and
 * {@link MigrationMonitor} reports the job's progress. A client system may migrate
 * only into the register of the organisation it acts for, and only packages inside the migration package directory
 * ({@code arkisto.migration.package-root}, default {@code <arkisto.data-dir>/migration-packages}) where the operator
 * placed them: the API never reads arbitrary server paths for a client system. The one exception is the local
 * tools' credential ({@link fi.arkisto.app.local.LocalToolsCredential}), which only a process of the server's own user can
 * read from the data directory: the {@code migrate} command hands its package to the running server by its absolute
 * path, a path that user can read anyway.
 */
@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "Migrations", description = "Migrate an organisation's legacy archive (old client documents)")
class MigrationController {

    private final LegacyMigrationStarter starter;
    private final LegacyMigrations migrations;
    private final MigrationMonitor monitor;

    MigrationController(LegacyMigrationStarter starter, LegacyMigrations migrations, MigrationMonitor monitor) {
        this.starter = starter;
        this.migrations = migrations;
        this.monitor = monitor;
    }

    /**
     * @param packageName the package directory or ZIP file, relative to the migration package directory
     * @param controller  the controller (organisation OID) whose register receives the documents
     */
    record MigrationRequest(@com.fasterxml.jackson.annotation.JsonProperty("package") String packageName, String controller) {
    }

    record MigrationStarted(long jobExecutionId, URI progress) {
    }

    @Operation(summary = "Start (or resume) the migration of a legacy package",
            description = "The package (docs/legacy-package.md) must lie in the migration package directory and is named "
                    + "relative to it (the local tools' credential of the migrate command may name an absolute path). "
                    + "The migration runs as a process in the Camunda cockpit (business key legacy-migration:<controller>:"
                    + "<package name>), where a failed job is an incident an operator retries. Launching the same package "
                    + "for the same controller again resumes an interrupted migration, in its process. What "
                    + "can be known before the job starts is refused with its own code: an unknown package, a package "
                    + "without manifest or with a manifest header that cannot be read, no system signer configured, a "
                    + "migration that runs or has completed.")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_OID, ErrorCode.ACCESS_DENIED, ErrorCode.PACKAGE_ENTRY_UNSAFE,
            ErrorCode.LEGACY_PACKAGE_NOT_FOUND, ErrorCode.LEGACY_PACKAGE_UNREADABLE, ErrorCode.LEGACY_MANIFEST_MISSING,
            ErrorCode.LEGACY_MANIFEST_INVALID, ErrorCode.MIGRATION_SIGNER_MISSING, ErrorCode.MIGRATION_ALREADY_RUNNING,
            ErrorCode.MIGRATION_ALREADY_COMPLETED})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MigrationStarted> start(@RequestBody MigrationRequest request, RequestContext context,
                                           Authentication caller) {
        if (request == null || request.packageName() == null || request.controller() == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "A migration needs package and controller");
        }
        Oid controller = Oid.of(request.controller());
        if (!controller.equals(context.organisation())) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "A client system may migrate only into the register of the organisation it acts for");
        }
        long id = starter.start(resolve(request.packageName(), ApiClientRegistry.isLocalTool(caller)), controller)
                .jobExecutionId();
        URI progress = URI.create("/api/v1/migrations/" + id);
        return ResponseEntity.accepted().location(progress).body(new MigrationStarted(id, progress));
    }

    @Operation(summary = "Progress of a migration", description = "Counts, documents per second, ETA, the first rejects, "
            + "the reject report once written and, for a migration that ended without completing, its failure's code and reason.")
    @ApiErrors({ErrorCode.MIGRATION_NOT_FOUND, ErrorCode.INVALID_REQUEST})
    @GetMapping(path = "/{jobExecutionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    MigrationStatus progress(@PathVariable long jobExecutionId, RequestContext context) {
        MigrationProgress progress = monitor.progress(jobExecutionId)
                .filter(p -> context.organisation().value().equals(p.controller()))
                .orElseThrow(() -> new ArchiveException(ErrorCode.MIGRATION_NOT_FOUND,
                        "No migration execution " + jobExecutionId + " of this organisation"));
        return MigrationStatus.of(progress);
    }

    private Path resolve(String name, boolean localTool) {
        if (localTool && Path.of(name).isAbsolute()) {
            return Path.of(name).normalize();
        }
        return migrations.packageNamed(name);
    }
}

package fi.arkisto.app.api.migration;

import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.batch.migration.MigrationLauncher;
import fi.arkisto.batch.migration.MigrationMonitor;
import fi.arkisto.batch.migration.MigrationProgress;
import fi.arkisto.batch.migration.MigrationRejects;
import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Launching and following legacy migrations (issue 5). Thin over batch-jobs: {@link MigrationLauncher} starts or
 * resumes the Spring Batch job, {@link MigrationMonitor} reports its progress. A client system may migrate only into
 * the register of the organisation it acts for, and only packages inside the migration package directory
 * ({@code arkisto.migration.package-root}, default {@code ${arkisto.data-dir}/migration-packages}) where the
 * operator placed them: the API never reads arbitrary server paths.
 */
@RestController
@RequestMapping("/api/v1/migrations")
@Tag(name = "Migrations", description = "Migrate an organisation's legacy archive (old client documents)")
class MigrationController {

    private final MigrationLauncher launcher;
    private final MigrationMonitor monitor;
    private final Path packageRoot;

    MigrationController(MigrationLauncher launcher, MigrationMonitor monitor, Environment environment) {
        this.launcher = launcher;
        this.monitor = monitor;
        String configured = environment.getProperty("arkisto.migration.package-root");
        this.packageRoot = (configured != null ? Path.of(configured)
                : Path.of(environment.getProperty("arkisto.data-dir", "data")).resolve("migration-packages"))
                .toAbsolutePath().normalize();
    }

    /**
     * @param packageName the package directory or ZIP file, relative to the migration package directory
     * @param controller  the controller (organisation OID) whose register receives the documents
     */
    record MigrationRequest(@com.fasterxml.jackson.annotation.JsonProperty("package") String packageName, String controller) {
    }

    record MigrationStarted(long jobExecutionId, URI progress) {
    }

    /** Progress as the API shows it: counts cover the whole migration, across restarts. */
    record MigrationStatus(long jobExecutionId, long migrationId, String status, String controller, long totalRows,
                           long processedRows, long archived, long rejected, double documentsPerSecond,
                           Long etaSeconds, String startedAt, String endedAt, List<MigrationRejects.Reject> rejects) {

        static MigrationStatus of(MigrationProgress p) {
            return new MigrationStatus(p.jobExecutionId(), p.jobInstanceId(), p.status(), p.controller(), p.totalRows(),
                    p.processedRows(), p.archived(), p.rejected(), Math.round(p.documentsPerSecond() * 10) / 10.0,
                    p.eta() == null ? null : p.eta().toSeconds(), p.startedAt() == null ? null : p.startedAt().toString(),
                    p.endedAt() == null ? null : p.endedAt().toString(), p.recentRejects());
        }
    }

    @Operation(summary = "Start (or resume) the migration of a legacy package",
            description = "The package (docs/legacy-package.md) must lie in the migration package directory. Launching the "
                    + "same package for the same controller again resumes an interrupted migration; a finished one is 409.")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_OID, ErrorCode.ACCESS_DENIED, ErrorCode.LEGACY_FILE_MISSING,
            ErrorCode.PACKAGE_ENTRY_UNSAFE, ErrorCode.VERSION_CONFLICT, ErrorCode.DOCUMENT_CONFLICT})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MigrationStarted> start(@RequestBody MigrationRequest request, RequestContext context) {
        if (request == null || request.packageName() == null || request.controller() == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "A migration needs package and controller");
        }
        Oid controller = Oid.of(request.controller());
        if (!controller.equals(context.organisation())) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "A client system may migrate only into the register of the organisation it acts for");
        }
        long id = launcher.start(resolve(request.packageName()), controller);
        URI progress = URI.create("/api/v1/migrations/" + id);
        return ResponseEntity.accepted().location(progress).body(new MigrationStarted(id, progress));
    }

    @Operation(summary = "Progress of a migration", description = "Counts, documents per second, ETA and the first rejects.")
    @ApiErrors({ErrorCode.MIGRATION_NOT_FOUND, ErrorCode.INVALID_REQUEST})
    @GetMapping(path = "/{jobExecutionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    MigrationStatus progress(@PathVariable long jobExecutionId, RequestContext context) {
        MigrationProgress progress = monitor.progress(jobExecutionId)
                .filter(p -> context.organisation().value().equals(p.controller()))
                .orElseThrow(() -> new ArchiveException(ErrorCode.MIGRATION_NOT_FOUND, "No migration " + jobExecutionId + " of this organisation"));
        return MigrationStatus.of(progress);
    }

    private Path resolve(String name) {
        Path candidate = packageRoot.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !candidate.startsWith(packageRoot) || candidate.equals(packageRoot)) {
            throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "The package must be named relative to the migration package directory");
        }
        if (!Files.exists(candidate)) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "No package " + name + " in the migration package directory");
        }
        return candidate;
    }
}

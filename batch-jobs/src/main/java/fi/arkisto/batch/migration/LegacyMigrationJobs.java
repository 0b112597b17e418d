package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrations;
import fi.arkisto.store.migration.MigrationOutcome;
import fi.arkisto.store.migration.PreparedMigration;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link LegacyMigrations} by the legacy migration job: a migration is its job instance (package and controller), an
 * execution its job execution, resuming a migration is Spring Batch's restart of the instance.
 *
 * <p>An execution is prepared in a transaction of its own, whatever transaction the caller is in (a process starting):
 * Spring Batch creates executions only outside of one, at its own isolation. Should the caller's transaction then roll
 * back, the prepared execution is left STARTING with nobody to run it, and the next launch of the migration takes it
 * as abandoned ({@code arkisto.migration.abandoned-after}) and resumes the migration.
 */
@Component
class LegacyMigrationJobs implements LegacyMigrations {

    private final MigrationLauncher launcher;
    private final MigrationMonitor monitor;
    private final JobExplorer explorer;
    private final Path packageRoot;
    private final TransactionTemplate outsideTransactions;

    LegacyMigrationJobs(MigrationLauncher launcher, MigrationMonitor monitor, JobExplorer explorer,
                        MigrationProperties properties, PlatformTransactionManager transactions) {
        this.launcher = launcher;
        this.monitor = monitor;
        this.explorer = explorer;
        this.packageRoot = properties.packageRoot().toAbsolutePath().normalize();
        this.outsideTransactions = new TransactionTemplate(transactions);
        outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @Override
    public Path packageNamed(String name) {
        Path candidate;
        try {
            candidate = name == null || name.isBlank() || Path.of(name).isAbsolute() ? null : packageRoot.resolve(name).normalize();
        } catch (InvalidPathException e) {
            candidate = null;
        }
        if (candidate == null || !candidate.startsWith(packageRoot) || candidate.equals(packageRoot)) {
            throw new ArchiveException(ErrorCode.PACKAGE_ENTRY_UNSAFE, "The package must be named relative to the migration package directory");
        }
        if (!Files.exists(candidate)) {
            throw new ArchiveException(ErrorCode.LEGACY_PACKAGE_NOT_FOUND, "No package " + name + " in the migration package directory");
        }
        return candidate;
    }

    @Override
    public PreparedMigration prepare(Path pkg, Oid controller) {
        JobExecution execution = prepareOutsideTransactions(pkg, controller);
        return new PreparedMigration(execution.getJobInstance().getInstanceId(), execution.getId(),
                execution.getJobParameters().getString(LegacyMigrationJobConfiguration.PACKAGE));
    }

    @Override
    public boolean run(long jobExecutionId) {
        return launcher.runPrepared(execution(jobExecutionId));
    }

    @Override
    public Optional<MigrationOutcome> outcome(long jobExecutionId) {
        return monitor.progress(jobExecutionId).map(MigrationProgress::outcome);
    }

    private JobExecution prepareOutsideTransactions(Path pkg, Oid controller) {
        return outsideTransactions.execute(status -> launcher.prepare(pkg, controller));
    }

    private JobExecution execution(long jobExecutionId) {
        JobExecution execution = explorer.getJobExecution(jobExecutionId);
        if (execution == null || !LegacyMigrationJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
            throw new ArchiveException(ErrorCode.MIGRATION_NOT_FOUND, "No migration execution " + jobExecutionId);
        }
        return execution;
    }
}

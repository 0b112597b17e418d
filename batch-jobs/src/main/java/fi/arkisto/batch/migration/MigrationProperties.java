package fi.arkisto.batch.migration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code arkisto.migration.*}: the legacy migration job (docs/legacy-package.md).
 *
 * @param partitions          row-range partitions of one manifest, run in parallel (default: one per core of the
 *                            launching instance; with remote partitioning at least the workers' consumers together)
 * @param rangesPerPartition with local partitioning, the manifest is split into {@code partitions} times this many row
 *                            ranges, of which {@code partitions} run at a time: ranges are not equally slow (file sizes,
 *                            rejects), and with one range per thread the thread that finished first sat idle while the
 *                            other worked alone through the tail; with remote partitioning every partition is one range
 * @param chunkSize           rows per chunk: one bulk archive call and one transaction
 * @param maxFileBytes        largest legacy file accepted (bigger files are rejected with DOCUMENT_TOO_LARGE)
 * @param streamAboveBytes    files larger than this are wrapped, signed and archived one by one through work files,
 *                            streaming, instead of in memory with their chunk (a 1 GB file streams through, docs/legacy-package.md);
 *                            it also bounds what a chunk holds: chunk-size documents of at most 4/3 of this each
 * @param workDir             where those work files live while a row is in flight (default: the system temp
 *                            directory); needs room for about 2.8 times the largest file
 * @param documentOidArc      arc under the controller OID for derived document OIDs of wrapped documents
 * @param oldDocumentGroupCode   hl7fi:documentGroup code for old client documents (kanta.fi, "Client data archive for social welfare services")
 * @param oldDocumentGroupName   its display name
 * @param codesFile           optional CSV of allowed codes (code_system,code,display_name) replacing the built-in list
 * @param reportDir           where reject reports {@code migration-<job instance>-rejects.csv} are written (the app
 *                            defaults it to {@code <arkisto.data-dir>/migration-reports}, beside everything else the
 *                            system writes)
 * @param packageRoot         the directory the REST API takes package names relative to (the app defaults it to
 *                            {@code <arkisto.data-dir>/migration-packages})
 * @param userId              the user id the migration acts as in audit events
 * @param logInterval         how often a running migration logs its progress
 * @param abandonedAfter      a STARTED execution no process has updated for this long is taken as left by a dead
 *                            process and resumed (chunks commit every few seconds while a migration runs)
 * @param partitioning        where partitions run: {@code local} threads of the launching instance, or {@code remote}
 *                            (docs/legacy-package.md, "The job"): partition requests go over RabbitMQ to worker instances
 *                            sharing PostgreSQL and S3 ({@link RemotePartitioningConfiguration})
 * @param worker              with remote partitioning, whether this instance also runs partitions from the queue
 *                            ({@code false}: it only launches migrations and waits for the workers)
 * @param instanceName        the name recorded in every partition's execution context as the instance that ran it
 *                            (default {@code <pid>@<host>})
 * @param remote              the remote partitioning channel
 */
@Validated
@ConfigurationProperties("arkisto.migration")
public record MigrationProperties(
        @DefaultValue("0") @Min(0) @Max(64) int partitions,
        @DefaultValue("8") @Min(1) @Max(64) int rangesPerPartition,
        @DefaultValue("200") @Min(1) @Max(10000) int chunkSize,
        @DefaultValue("4294967296") @Min(1) long maxFileBytes,
        @DefaultValue("262144") @Min(1024) long streamAboveBytes,
        Path workDir,
        @DefaultValue("7") @Min(1) int documentOidArc,
        @DefaultValue("4") @NotBlank String oldDocumentGroupCode,
        @DefaultValue("Vanha asiakirja") @NotBlank String oldDocumentGroupName,
        Path codesFile,
        @DefaultValue("data/migration-reports") @NotNull Path reportDir,
        @DefaultValue("data/migration-packages") @NotNull Path packageRoot,
        @DefaultValue("legacy-migration") @NotBlank String userId,
        @DefaultValue("10s") @NotNull Duration logInterval,
        @DefaultValue("2m") @NotNull Duration abandonedAfter,
        @DefaultValue("local") @NotNull Partitioning partitioning,
        @DefaultValue("true") boolean worker,
        String instanceName,
        @DefaultValue @Valid @NotNull Remote remote) {

    public Path effectiveWorkDir() {
        return workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "arkisto-migration");
    }

    public int effectivePartitions() {
        return partitions > 0 ? partitions : Runtime.getRuntime().availableProcessors();
    }

    /** The row ranges one manifest is split into: the grid size of the partitioned step. */
    public int effectiveRowRanges() {
        return partitioning == Partitioning.LOCAL ? effectivePartitions() * rangesPerPartition : effectivePartitions();
    }

    public String effectiveInstanceName() {
        return instanceName == null || instanceName.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() : instanceName;
    }

    /** Where the partitions of a migration run. */
    public enum Partitioning {
        /** On threads of the instance that launched the migration (no broker needed). */
        LOCAL,
        /** On the worker instances consuming {@code arkisto.migration.remote.queue}. */
        REMOTE
    }

    /**
     * {@code arkisto.migration.remote.*}: the RabbitMQ side of remote partitioning (the broker is {@code spring.rabbitmq.*}).
     *
     * @param queue        durable quorum queue of partition requests, shared by all instances of one deployment
     * @param consumers    partitions one worker instance runs at the same time (0 = one per core); each consumer
     *                     takes one request at a time (prefetch 1), so idle instances get the next partition
     * @param pollInterval how often the launching instance reads the job repository for finished partitions
     */
    public record Remote(
            @DefaultValue("arkisto.migration.partitions") @NotBlank String queue,
            @DefaultValue("0") @Min(0) @Max(64) int consumers,
            @DefaultValue("1s") @NotNull Duration pollInterval) {

        public int effectiveConsumers() {
            return consumers > 0 ? consumers : Runtime.getRuntime().availableProcessors();
        }
    }
}

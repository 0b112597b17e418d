package fi.arkisto.batch.migration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code arkisto.migration.*}: the legacy migration job (issue 5, docs/legacy-package.md).
 *
 * @param partitions          row-range partitions of one manifest, run in parallel (default: one per core)
 * @param chunkSize           rows per chunk: one bulk archive call and one transaction
 * @param maxFileBytes        largest legacy file accepted (bigger files are rejected with DOCUMENT_TOO_LARGE)
 * @param streamAboveBytes    files larger than this are wrapped, signed and archived one by one through work files,
 *                            streaming, instead of in memory with their chunk (issue 5: a 1 GB file streams through);
 *                            it also bounds what a chunk holds: chunk-size documents of at most 4/3 of this each
 * @param workDir             where those work files live while a row is in flight (default: the system temp
 *                            directory); needs room for about 2.8 times the largest file
 * @param documentOidArc      arc under the controller OID for derived document OIDs of wrapped documents
 * @param oldDocumentGroupCode   hl7fi:documentGroup code for old client documents (seed 001)
 * @param oldDocumentGroupName   its display name
 * @param codesFile           optional CSV of allowed codes (code_system,code,display_name) replacing the built-in list
 * @param reportDir           where reject reports {@code migration-<job instance>-rejects.csv} are written
 * @param userId              the user id the migration acts as in audit events
 * @param logInterval         how often a running migration logs its progress
 * @param abandonedAfter      a STARTED execution no process has updated for this long is taken as left by a dead
 *                            process and resumed (chunks commit every few seconds while a migration runs)
 */
@Validated
@ConfigurationProperties("arkisto.migration")
public record MigrationProperties(
        @DefaultValue("0") @Min(0) @Max(64) int partitions,
        @DefaultValue("200") @Min(1) @Max(10000) int chunkSize,
        @DefaultValue("4294967296") @Min(1) long maxFileBytes,
        @DefaultValue("262144") @Min(1024) long streamAboveBytes,
        Path workDir,
        @DefaultValue("7") @Min(1) int documentOidArc,
        @DefaultValue("4") @NotBlank String oldDocumentGroupCode,
        @DefaultValue("Vanha asiakirja") @NotBlank String oldDocumentGroupName,
        Path codesFile,
        @DefaultValue("migration-reports") @NotNull Path reportDir,
        @DefaultValue("legacy-migration") @NotBlank String userId,
        @DefaultValue("10s") @NotNull Duration logInterval,
        @DefaultValue("2m") @NotNull Duration abandonedAfter) {

    public Path effectiveWorkDir() {
        return workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "arkisto-migration");
    }

    public int effectivePartitions() {
        return partitions > 0 ? partitions : Runtime.getRuntime().availableProcessors();
    }
}

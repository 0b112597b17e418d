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
 * @param maxFileBytes        largest legacy file accepted (bigger files are rejected with DOCUMENT_TOO_LARGE until
 *                            the archive takes streams, see docs/legacy-package.md)
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
        @DefaultValue("67108864") @Min(1) long maxFileBytes,
        @DefaultValue("7") @Min(1) int documentOidArc,
        @DefaultValue("4") @NotBlank String oldDocumentGroupCode,
        @DefaultValue("Vanha asiakirja") @NotBlank String oldDocumentGroupName,
        Path codesFile,
        @DefaultValue("migration-reports") @NotNull Path reportDir,
        @DefaultValue("legacy-migration") @NotBlank String userId,
        @DefaultValue("10s") @NotNull Duration logInterval,
        @DefaultValue("2m") @NotNull Duration abandonedAfter) {

    public int effectivePartitions() {
        return partitions > 0 ? partitions : Runtime.getRuntime().availableProcessors();
    }
}

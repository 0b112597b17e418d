package fi.arkisto.batch.migration;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The reject store of the legacy migration ({@code archive.migration_rejects}): one row per bad manifest row and
 * migration, keyed by (job instance, row number) so a chunk that is processed again after a crash inserts nothing
 * twice, and the CSV report written from it.
 */
public class MigrationRejects {

    static final String[] REPORT_HEADER = {"row_number", "legacy_id", "error_code", "reason"};
    private final JdbcTemplate jdbc;

    public MigrationRejects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long jobInstanceId, String controller, List<MigrationItem.Rejected> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO archive.migration_rejects (job_instance_id, row_number, legacy_id, controller_oid, error_code, reason)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_instance_id, row_number) DO NOTHING
                """, rejects, rejects.size(), (ps, r) -> {
            ps.setLong(1, jobInstanceId);
            ps.setLong(2, r.rowNumber());
            ps.setString(3, r.legacyId() == null ? null : truncate(r.legacyId(), 200));
            ps.setString(4, controller);
            ps.setString(5, r.code().name());
            ps.setString(6, truncate(r.reason(), 1000));
        });
    }

    public long count(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive.migration_rejects WHERE job_instance_id = ?",
                Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }

    public List<Reject> list(long jobInstanceId, int limit) {
        return jdbc.query("""
                SELECT row_number, legacy_id, error_code, reason FROM archive.migration_rejects
                 WHERE job_instance_id = ? ORDER BY row_number LIMIT ?
                """, (rs, i) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), jobInstanceId, limit);
    }

    /** Writes the report atomically (temp file + move), streaming rows in manifest order. */
    public Path writeReport(long jobInstanceId, Path directory) {
        try {
            Files.createDirectories(directory);
            Path report = directory.resolve("migration-" + jobInstanceId + "-rejects.csv");
            Path temp = Files.createTempFile(directory, "migration-" + jobInstanceId, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(REPORT_HEADER).get())) {
                jdbc.query(con -> {
                    var ps = con.prepareStatement("""
                            SELECT row_number, legacy_id, error_code, reason FROM archive.migration_rejects
                             WHERE job_instance_id = ? ORDER BY row_number
                            """);
                    ps.setLong(1, jobInstanceId);
                    ps.setFetchSize(1000);
                    return ps;
                }, rs -> {
                    try {
                        csv.printRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.move(temp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** One reported row. */
    public record Reject(long rowNumber, String legacyId, String errorCode, String reason) {
    }
}

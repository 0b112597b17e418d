package fi.arkisto.batch.migration;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The manifest's legacy ids in PostgreSQL ({@code archive.migration_manifest_ids}), loaded once per migration with a
 * streaming COPY. It answers, for any row, whether an earlier row of the manifest used the same legacy id: manifest
 * order decides which occurrence counts, whichever partition or instance happens to reach a row first.
 */
class ManifestIndex {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    ManifestIndex(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** (Re)loads the index of one migration and returns the number of data rows in the manifest. */
    long load(long jobInstanceId, Path packageLocation) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (var delete = connection.prepareStatement("DELETE FROM archive.migration_manifest_ids WHERE job_instance_id = ?")) {
                delete.setLong(1, jobInstanceId);
                delete.executeUpdate();
            }
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY archive.migration_manifest_ids (job_instance_id, row_number, legacy_id, file_path) FROM STDIN WITH (FORMAT text)");
            long rows = 0;
            try (LegacyPackage pkg = LegacyPackage.open(packageLocation); ManifestCsv csv = new ManifestCsv(pkg.openManifest())) {
                StringBuilder line = new StringBuilder(256);
                ManifestRow row;
                while ((row = csv.next()) != null) {
                    rows = row.rowNumber();
                    String legacyId = row.legacyId();
                    if (legacyId == null || legacyId.length() > RowValidator.MAX_LEGACY_ID) {
                        continue;
                    }
                    String file = row.get(ManifestColumn.FILE);
                    line.setLength(0);
                    line.append(jobInstanceId).append('\t').append(row.rowNumber()).append('\t')
                            .append(copyText(legacyId)).append('\t').append(copyText(file == null ? "" : truncate(file))).append('\n');
                    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                }
                copy.endCopy();
            } catch (RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
                throw e;
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
            return rows;
        }
    }

    /** Earlier occurrences within {@code (fromRow, toRow]}: row -> the first row with the same legacy id and its file. */
    Map<Long, FirstOccurrence> repeatsIn(long jobInstanceId, long fromRow, long toRow) {
        Map<Long, FirstOccurrence> repeats = new HashMap<>();
        jdbc.query("""
                WITH repeated AS (
                    SELECT legacy_id FROM archive.migration_manifest_ids
                     WHERE job_instance_id = ? GROUP BY legacy_id HAVING count(*) > 1),
                occurrences AS (
                    SELECT m.row_number,
                           first_value(m.row_number) OVER w AS first_row,
                           first_value(m.file_path) OVER w AS first_file
                      FROM archive.migration_manifest_ids m JOIN repeated USING (legacy_id)
                     WHERE m.job_instance_id = ?
                    WINDOW w AS (PARTITION BY m.legacy_id ORDER BY m.row_number))
                SELECT row_number, first_row, first_file FROM occurrences
                 WHERE row_number > first_row AND row_number > ? AND row_number <= ?
                """, rs -> {
            repeats.put(rs.getLong(1), new FirstOccurrence(rs.getLong(2), rs.getString(3)));
        }, jobInstanceId, jobInstanceId, fromRow, toRow);
        return repeats;
    }

    void delete(long jobInstanceId) {
        jdbc.update("DELETE FROM archive.migration_manifest_ids WHERE job_instance_id = ?", jobInstanceId);
    }

    record FirstOccurrence(long row, String file) {
    }

    private static String truncate(String file) {
        return file.length() > 1000 ? file.substring(0, 1000) : file;
    }

    /** PostgreSQL COPY text format escaping. */
    private static String copyText(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

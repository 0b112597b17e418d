package fi.arkisto.store.document.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The raw baseline: the index lookup the client document list stands on, through plain JDBC on one connection of
 * the same pool: the page of a client's current versions in one register, newest first, with its total, every column
 * the list maps read as text and nothing decoded.
 */
final class RawListQuery {

    private static final String PAGE = """
            SELECT document_oid, metadata::text, status, sha256, size_bytes, object_key, archived_at,
                nullification_reason, warnings::text, signatures::text
            FROM archive.document_version
            WHERE client_id = ? AND controller_oid = ? AND status <> 'REPLACED'
            ORDER BY effective_time DESC NULLS LAST, document_oid LIMIT ?""";
    private static final String TOTAL = """
            SELECT count(*) FROM archive.document_version
            WHERE client_id = ? AND controller_oid = ? AND status <> 'REPLACED'""";

    private final DataSource dataSource;

    RawListQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The number of rows on the page. */
    int list(String client, String register, int size) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement total = connection.prepareStatement(TOTAL);
             PreparedStatement page = connection.prepareStatement(PAGE)) {
            total.setString(1, client);
            total.setString(2, register);
            try (ResultSet rs = total.executeQuery()) {
                rs.next();
            }
            page.setString(1, client);
            page.setString(2, register);
            page.setInt(3, size);
            int rows = 0;
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    for (int c = 1; c <= 10; c++) {
                        rs.getString(c);
                    }
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package fi.arkisto.store.document.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw baseline of one scenario: the index lookup that gives the same items as the client document list, through
 * plain JDBC on one connection of the same pool: the page of a client's current versions newest first, with its
 * total, every column the list maps read as text and nothing decoded. What the access decision decides from columns
 * (the registers, the service task a register access right covers) is a plain predicate here.
 */
final class RawListQuery {

    private static final String COLUMNS = """
            document_oid, metadata::text, status, sha256, size_bytes, object_key, archived_at,
                nullification_reason, warnings::text, signatures::text""";

    private final DataSource dataSource;
    private final String where;
    private final List<String> parameters;

    private RawListQuery(DataSource dataSource, String where, List<String> parameters) {
        this.dataSource = dataSource;
        this.where = " FROM archive.document_version WHERE client_id = ? AND status <> 'REPLACED' AND " + where;
        this.parameters = parameters;
    }

    /** The client's versions in the registers named. */
    static RawListQuery inRegisters(DataSource dataSource, List<String> registers) {
        return new RawListQuery(dataSource, in(registers), registers);
    }

    /** The client's versions of one service task in the registers named. */
    static RawListQuery inRegistersOfTask(DataSource dataSource, List<String> registers, String serviceTask) {
        List<String> parameters = new ArrayList<>(registers);
        parameters.add(serviceTask);
        return new RawListQuery(dataSource, in(registers) + " AND service_task = ?", parameters);
    }

    private static String in(List<String> registers) {
        return "controller_oid IN (" + String.join(", ", registers.stream().map(r -> "?").toList()) + ")";
    }

    /** The client's versions in every register but one. */
    static RawListQuery allBut(DataSource dataSource, String register) {
        return new RawListQuery(dataSource, "controller_oid <> ?", List.of(register));
    }

    /** The number of rows on the page. */
    int list(String client, int size) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement total = connection.prepareStatement("SELECT count(*)" + where);
             PreparedStatement page = connection.prepareStatement("SELECT " + COLUMNS + where
                     + " ORDER BY effective_time DESC NULLS LAST, document_oid LIMIT ?")) {
            int i = bind(total, client);
            try (ResultSet rs = total.executeQuery()) {
                rs.next();
            }
            i = bind(page, client);
            page.setInt(i, size);
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

    private int bind(PreparedStatement statement, String client) throws SQLException {
        int i = 1;
        statement.setString(i++, client);
        for (String parameter : parameters) {
            statement.setString(i++, parameter);
        }
        return i;
    }
}

package fi.arkisto.store.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Upgrades a database migrated by the former layout, one history table {@code archive.flyway_schema_history} with a
 * numeric range per module, to one history table per module (docs/database.md). The migrations themselves are
 * unchanged, byte for byte, under new names; so their history rows are moved and renumbered, in one transaction,
 * before archive-store's Flyway validates: nothing is re-run, no table is re-created, and Flyway's checksums still
 * match. Only rows whose version and script are exactly those of the former layout are touched, so running it again,
 * or on a database created by the new layout, changes nothing.
 */
public final class LegacyHistorySplit {

    /** A history row of the former layout and where it lives now. */
    record Move(String oldVersion, String oldScript, String table, String newVersion, String newScript) {
    }

    static final String ARCHIVE_HISTORY = "flyway_schema_history";
    static final String BATCH_HISTORY = "batch_flyway_history";
    static final String ROUTES_HISTORY = "routes_flyway_history";

    static final List<Move> MOVES = List.of(
            new Move("30", "V30__create_rejection_table.sql", ARCHIVE_HISTORY, "4", "V4__create_rejection_table.sql"),
            new Move("31", "V31__create_ingest_processed_file_table.sql", ROUTES_HISTORY, "1",
                    "V1__create_ingest_processed_file_table.sql"),
            new Move("40", "V40__create_migration_rejects.sql", BATCH_HISTORY, "1", "V1__create_migration_rejects.sql"),
            new Move("41", "V41__create_batch_schema.sql", BATCH_HISTORY, "2", "V2__create_batch_schema.sql"),
            new Move("42", "V42__create_migration_items.sql", BATCH_HISTORY, "3", "V3__create_migration_items.sql"),
            new Move("50", "V50__create_organisation_tables.sql", ARCHIVE_HISTORY, "5", "V5__create_organisation_tables.sql"),
            new Move("51", "V51__insert_joined_organisations.sql", ARCHIVE_HISTORY, "6",
                    "V6__insert_joined_organisations.sql"),
            new Move("52", "V52__create_deployment_test_tables.sql", ARCHIVE_HISTORY, "7",
                    "V7__create_deployment_test_tables.sql"),
            new Move("53", "V53__create_sharing_records.sql", ARCHIVE_HISTORY, "8", "V8__create_sharing_records.sql"),
            new Move("54", "V54__create_register_access_agreements.sql", ARCHIVE_HISTORY, "9",
                    "V9__create_register_access_agreements.sql"),
            new Move("55", "V55__protect_access_records.sql", ARCHIVE_HISTORY, "10", "V10__protect_access_records.sql"));

    private static final Logger log = LoggerFactory.getLogger(LegacyHistorySplit.class);
    private static final String COLUMNS =
            "installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success";

    private LegacyHistorySplit() {
    }

    /** Splits the former single history, if this database has one; returns the number of rows moved or renumbered. */
    public static int apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection, ARCHIVE_HISTORY)) {
                return 0;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                int changed = split(connection);
                connection.commit();
                if (changed > 0) {
                    log.info("Split the former single Flyway history: {} rows now in the history of their module", changed);
                }
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot split the former Flyway schema history", e);
        }
    }

    private static int split(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            // two instances starting at once: the second waits, then finds nothing left to move
            lock.execute("LOCK TABLE " + ModuleMigration.SCHEMA + "." + ARCHIVE_HISTORY + " IN EXCLUSIVE MODE");
        }
        int changed = 0;
        for (Move move : MOVES) {
            if (!present(connection, move)) {
                continue;
            }
            if (move.table().equals(ARCHIVE_HISTORY)) {
                changed += renumber(connection, move);
            } else {
                createHistoryLike(connection, move.table());
                changed += moveRow(connection, move);
            }
        }
        return changed;
    }

    private static boolean present(Connection connection, Move move) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + qualified(ARCHIVE_HISTORY)
                + " WHERE version = ? AND script = ?")) {
            select.setString(1, move.oldVersion());
            select.setString(2, move.oldScript());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static int renumber(Connection connection, Move move) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified(ARCHIVE_HISTORY)
                + " SET version = ?, script = ? WHERE version = ? AND script = ?")) {
            update.setString(1, move.newVersion());
            update.setString(2, move.newScript());
            update.setString(3, move.oldVersion());
            update.setString(4, move.oldScript());
            return update.executeUpdate();
        }
    }

    private static int moveRow(Connection connection, Move move) throws SQLException {
        String target = qualified(move.table());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + target + " (" + COLUMNS + ")"
                + " SELECT (SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + target + "), ?, description, type, ?,"
                + " checksum, installed_by, installed_on, execution_time, success FROM " + qualified(ARCHIVE_HISTORY)
                + " WHERE version = ? AND script = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualified(ARCHIVE_HISTORY)
                     + " WHERE version = ? AND script = ?")) {
            insert.setString(1, move.newVersion());
            insert.setString(2, move.newScript());
            insert.setString(3, move.oldVersion());
            insert.setString(4, move.oldScript());
            int moved = insert.executeUpdate();
            delete.setString(1, move.oldVersion());
            delete.setString(2, move.oldScript());
            delete.executeUpdate();
            return moved;
        }
    }

    private static void createHistoryLike(Connection connection, String table) throws SQLException {
        if (tableExists(connection, table)) {
            return;
        }
        try (Statement create = connection.createStatement()) {
            // Flyway's own table shape (columns, primary key, index) under the module's name
            create.execute("CREATE TABLE " + qualified(table) + " (LIKE " + qualified(ARCHIVE_HISTORY) + " INCLUDING ALL)");
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            select.setString(1, ModuleMigration.SCHEMA);
            select.setString(2, table);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String qualified(String table) {
        return ModuleMigration.SCHEMA + "." + table;
    }
}

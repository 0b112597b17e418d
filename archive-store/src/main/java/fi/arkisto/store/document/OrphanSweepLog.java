package fi.arkisto.store.document;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The record of each orphan sweep ({@code archive.orphan_sweep}): when it ran, on which instance, how many document
 * objects it examined and which it removed, or why it failed, for an operator to read (docs/running.md,
 * "Operations": {@code /actuator/orphansweeps} and the {@code arkisto.orphans.*} metrics).
 */
public class OrphanSweepLog {

    private final JdbcTemplate jdbc;

    public OrphanSweepLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One sweep that ran. */
    public record Entry(long id, Instant startedAt, Instant finishedAt, String instance, Outcome outcome, int examined,
                        int removed, List<String> removedKeys, String error) {
    }

    public enum Outcome { COMPLETED, FAILED }

    public void record(Instant startedAt, Instant finishedAt, String instance, Outcome outcome,
                       OrphanObjectSweeper.Tally tally, String error) {
        List<String> keys = tally.removed();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO archive.orphan_sweep (started_at, finished_at,"
                    + " instance, outcome, examined, removed, removed_keys, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            statement.setTimestamp(1, Timestamp.from(startedAt));
            statement.setTimestamp(2, Timestamp.from(finishedAt));
            statement.setString(3, instance);
            statement.setString(4, outcome.name());
            statement.setInt(5, tally.examined());
            statement.setInt(6, keys.size());
            statement.setArray(7, connection.createArrayOf("text", keys.toArray()));
            statement.setString(8, error);
            return statement;
        });
    }

    /** The newest sweeps first, at most {@code limit}. */
    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT id, started_at, finished_at, instance, outcome, examined, removed, removed_keys, error"
                + " FROM archive.orphan_sweep ORDER BY started_at DESC, id DESC LIMIT ?", OrphanSweepLog::entry, limit);
    }

    private static Entry entry(ResultSet row, int n) throws SQLException {
        Array keys = row.getArray("removed_keys");
        List<String> removedKeys = keys == null ? List.of()
                : Arrays.stream((Object[]) keys.getArray()).map(String::valueOf).toList();
        return new Entry(row.getLong("id"), row.getTimestamp("started_at").toInstant(),
                row.getTimestamp("finished_at").toInstant(), row.getString("instance"),
                Outcome.valueOf(row.getString("outcome")), row.getInt("examined"), row.getInt("removed"), removedKeys,
                row.getString("error"));
    }
}

package fi.arkisto.store.document;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The orphan sweep and archiving exclude each other per object (invariant 2, docs/invariants.md): content-addressed
 * keys may be written again by a new submission of the same bytes while the sweep deletes the stray object an earlier
 * one left. The sweep holds an exclusive PostgreSQL advisory lock on the key's bucket from its last check to its
 * delete, and commits a record of the deletion before deleting; archiving takes the shared locks of its objects'
 * buckets in its metadata transaction and learns which of its keys were deleted lately, so that it writes them again
 * before it commits. So no committed version ever points at an object the sweep deleted after the version's write.
 */
final class ObjectLocks {

    /** Buckets of keys: an archiving batch holds at most this many shared locks, whatever its size. */
    static final int BUCKETS = 1024;
    /**
     * How far back a deletion counts for an archiving: longer than any archiving in flight (from its object's write to
     * its commit). A deletion before the write began is harmless, and counting it only writes the object once more.
     */
    static final Duration RECENT = Duration.ofDays(1);

    private final JdbcTemplate jdbc;

    ObjectLocks(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    ObjectLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static int bucket(String objectKey) {
        return Math.floorMod(objectKey.hashCode(), BUCKETS);
    }

    /**
     * In the caller's transaction: waits out a sweep deleting in the keys' buckets, holds them shared until the
     * transaction ends, and answers the keys the sweep deleted lately.
     */
    Set<String> lockForRecording(Collection<String> objectKeys) {
        if (objectKeys.isEmpty()) {
            return Set.of();
        }
        TreeSet<Integer> buckets = new TreeSet<>();
        objectKeys.forEach(key -> buckets.add(bucket(key)));
        return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
            Array keys = connection.createArrayOf("text", new HashSet<>(objectKeys).toArray());
            Array bucketArray = connection.createArrayOf("integer", buckets.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM archive.lock_buckets_for_recording(?, ?, ?::interval)")) {
                statement.setArray(1, keys);
                statement.setArray(2, bucketArray);
                statement.setString(3, RECENT.toSeconds() + " seconds");
                Set<String> deleted = new HashSet<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        deleted.add(rs.getString(1));
                    }
                }
                return deleted;
            }
        });
    }

    /** What the sweep does with one key while it holds the key's bucket. */
    interface SweepStep {
        /** @param deletion records, committed, that the key is being deleted; call it before deleting */
        boolean run(Runnable deletion);
    }

    /**
     * Runs {@code step} holding the key's bucket exclusively on a connection of its own (a session lock, released in
     * the end or with the session, so a broken connection never leaves it held).
     */
    boolean whileSweeping(String objectKey, SweepStep step) {
        int bucket = bucket(objectKey);
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            call(connection, "SELECT archive.lock_bucket_for_sweep(?)", bucket);
            try {
                return step.run(() -> record(connection, objectKey));
            } finally {
                call(connection, "SELECT archive.unlock_bucket_for_sweep(?)", bucket);
                connection.setAutoCommit(autoCommit);
            }
        }));
    }

    /** Keys whose deletion the sweep recorded, in order. */
    List<String> deletions() {
        return jdbc.queryForList("SELECT object_key FROM archive.orphan_deletion ORDER BY id", String.class);
    }

    private static void record(Connection connection, String objectKey) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO archive.orphan_deletion (object_key) VALUES (?)")) {
            insert.setString(1, objectKey);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The deletion of " + objectKey + " could not be recorded", e);
        }
    }

    private static void call(Connection connection, String sql, int bucket) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, bucket);
            statement.execute();
        }
    }
}

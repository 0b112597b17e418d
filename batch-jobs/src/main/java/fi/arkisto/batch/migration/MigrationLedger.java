package fi.arkisto.batch.migration;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which legacy id of which controller became which archived document ({@code archive.migration_items}). Written in
 * the chunk transaction together with Spring Batch's own progress, so "archived" and "counted as done" commit together.
 */
public class MigrationLedger {

    private final JdbcTemplate jdbc;

    public MigrationLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Entry> find(String controller, List<String> legacyIds) {
        Map<String, Entry> found = new HashMap<>();
        if (legacyIds.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT legacy_id, document_oid, source_sha256, job_instance_id, row_number FROM archive.migration_items
                     WHERE controller_oid = ? AND legacy_id = ANY (?)
                    """);
            Array array = con.createArrayOf("varchar", legacyIds.toArray());
            ps.setString(1, controller);
            ps.setArray(2, array);
            return ps;
        }, rs -> {
            found.put(rs.getString(1), new Entry(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
        });
        return found;
    }

    void insert(long jobInstanceId, String controller, List<Migrated> migrated) {
        if (migrated.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO archive.migration_items (controller_oid, legacy_id, document_oid, source_sha256, document_sha256,
                       job_instance_id, row_number, retention_event, retention_event_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (controller_oid, legacy_id) DO NOTHING
                """, migrated, migrated.size(), (ps, m) -> {
            LegacyDocument row = m.item().row();
            ps.setString(1, controller);
            ps.setString(2, row.legacyId());
            ps.setString(3, m.documentOid());
            ps.setString(4, m.item().sourceSha256());
            ps.setString(5, m.documentSha256());
            ps.setLong(6, jobInstanceId);
            ps.setLong(7, row.rowNumber());
            ps.setString(8, row.retentionEvent() == null ? null : row.retentionEvent().name());
            ps.setObject(9, row.retentionEventDate());
        });
    }

    public long count(long jobInstanceId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?",
                Long.class, jobInstanceId);
        return count == null ? 0 : count;
    }

    record Entry(String documentOid, String sourceSha256, long jobInstanceId, long rowNumber) {
    }

    record Migrated(MigrationItem.ToArchive item, String documentOid, String documentSha256) {
    }
}
